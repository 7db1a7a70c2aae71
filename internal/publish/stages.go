package publish

import "bytes"

// SkipUnchanged returns the stage that hands end a Keep in place of a Put
// of bytes it already holds, so that a build over its own output rewrites
// only the files that changed.
func SkipUnchanged(end End) Sink { return skipping{end} }

type skipping struct{ End }

func (s skipping) Put(name string, data []byte) error {
	old, ok, err := s.End.Holds(name)
	if err != nil {
		return err
	}
	if ok && bytes.Equal(old, data) {
		return s.End.Keep(name)
	}
	return s.End.Put(name, data)
}
