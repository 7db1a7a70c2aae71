package content

import (
	"bytes"
	"io"
	"io/fs"
	"time"

	"github.com/cjm-portal/cjm/internal/diag"
)

// Decode decodes one file's bytes as the loader would at path file
// (relative to the site folder, under content/): a *Journey, *Stage,
// *Touchpoint, *Persona, ... or nil when it has errors that leave no item.
// It reads earlier versions of a file, such as a commit's, which are
// never on disk. Stages and touchpoints are not put together.
func Decode(file string, data []byte) (Item, diag.List) {
	var diags diag.List
	item := loadFile(oneFile{file, data}, file, int64(DefaultMaxFileMB)<<20, nil, &diags)
	return item, diags
}

// Sort orders items as a journey's stages or a stage's touchpoints are
// ordered: by weight, then numbered before not, number, title, slug.
func Sort[T Item](items []T) { sortItems(items) }

// oneFile is an fs.FS of one file.
type oneFile struct {
	name string
	data []byte
}

func (o oneFile) Open(name string) (fs.File, error) {
	if name != o.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &openFile{Reader: bytes.NewReader(o.data), size: int64(len(o.data))}, nil
}

type openFile struct {
	*bytes.Reader
	size int64
}

func (f *openFile) Stat() (fs.FileInfo, error) { return f, nil }
func (f *openFile) Close() error               { return nil }
func (f *openFile) Name() string               { return "" }
func (f *openFile) Size() int64                { return f.size }
func (f *openFile) Mode() fs.FileMode          { return 0o444 }
func (f *openFile) ModTime() time.Time         { return time.Time{} }
func (f *openFile) IsDir() bool                { return false }
func (f *openFile) Sys() any                   { return nil }

var _ io.Reader = (*openFile)(nil)
