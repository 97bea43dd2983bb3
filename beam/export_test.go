package kpibeam

import "reflect"

// Registered returns the accumulator type of every registered combiner.
func Registered() []reflect.Type {
	var ts []reflect.Type
	for _, c := range combiners {
		_, a := c.shape()
		ts = append(ts, a)
	}
	return ts
}
