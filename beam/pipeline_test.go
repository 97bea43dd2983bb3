package kpibeam_test

import (
	"context"
	"encoding/hex"
	"fmt"
	"os"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/graph/coder"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	kpibeam "github.com/kpikit/kpikit/beam"
	"github.com/kpikit/kpikit/crm"
)

func init() {
	register.Function1x1(npsLine)
	register.Function2x1(npsKeyLine)
}

func TestMain(m *testing.M) {
	// Beam's default schema coder would drop unexported fields silently;
	// with this it fails instead, so a missing coder cannot hide.
	coder.RequireAllFieldsExported(true)
	beam.Init()
	os.Exit(m.Run())
}

// run executes p on the in-process prism runner.
func run(t *testing.T, p *beam.Pipeline) {
	t.Helper()
	if _, err := prism.Execute(context.Background(), p); err != nil {
		t.Fatal(err)
	}
}

func npsLine(t *crm.NPSTally) string {
	b, _ := t.MarshalBinary()
	n, err := t.NPS()
	return fmt.Sprintf("%v %v %x", n, err, b)
}

func npsKeyLine(k string, t *crm.NPSTally) string { return k + " " + npsLine(t) }

func TestNPSGlobally(t *testing.T) {
	scores := []int{10, 9, 8, 6, 10, 3, 9}
	var want crm.NPSTally
	if err := want.AddAll(scores); err != nil {
		t.Fatal(err)
	}
	p, s := beam.NewPipelineWithRoot()
	col := beam.CreateList(s, scores)
	out, err := kpibeam.Globally(s, kpibeam.NPS{}, col)
	if err != nil {
		t.Fatal(err)
	}
	passert.Equals(s, beam.ParDo(s, npsLine, out), npsLine(&want))
	run(t, p)
	_ = hex.EncodeToString
}
