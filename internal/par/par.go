// Package par runs independent pieces of work on every core.
package par

import (
	"runtime"
	"sync"
)

// For calls do(i) for every i in [0, n), on as many goroutines as there
// are cores, and returns when all calls have returned. Calls must not
// depend on each other's order; each usually writes only its own slot of
// a result slice, which keeps the outcome deterministic.
func For(n int, do func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				do(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
