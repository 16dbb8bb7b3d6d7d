package corpus

import (
	"errors"
	"io"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"embedlab/internal/usermsg"
)

// SplitValidation is the Document.Split of documents set aside for
// validation.
const SplitValidation = "validation"

// folderFile is one file found in a corpus folder.
type folderFile struct {
	path  string // on disk
	rel   string // relative to the corpus folder, with forward slashes
	class string
	split string
}

// readFolder reads a folder with one subfolder of .txt files per class,
// one document per file. In the aclImdb layout the class folders are
// inside train and test folders. Documents from test get Split
// "validation", and a class folder named unsup (unlabelled reviews) is
// ignored. A folder
// whose only entry is one subfolder is read as that subfolder, so that
// both aclImdb and the folder around it can be given.
//
// Hidden files and folders (names starting with a dot) and files that are
// not .txt files are skipped, and so are empty and binary files; each is
// listed in Skipped with Line 0. Each file's encoding is detected on its
// own, and a warning counts the files of each legacy encoding.
func (s *scanner) readFolder(root string) error {
	s.info.Format = FormatFolder
	s.total = 0 // listClassFiles adds the sizes of the files
	root = descendSingle(root)
	files, err := s.listFolder(root)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return errorf(root, 0, "has no class folders with .txt files (%d other entries were skipped); put one "+
			"subfolder of .txt files per class, such as pos/ and neg/, or train/pos, train/neg, test/pos and test/neg",
			len(s.skipped))
	}

	legacy := make(map[string]int)
	encodings := make(map[string]int)
	for _, f := range files {
		if err := s.ctx.Err(); err != nil {
			return err
		}
		enc, err := s.readFolderFile(f)
		if err != nil {
			return err
		}
		if enc != "" {
			encodings[enc]++
			if enc != EncodingUTF8 && s.opts.Encoding == "" {
				legacy[enc]++
			}
		}
	}

	s.info.Encoding = EncodingUTF8
	most := 0
	for enc, n := range encodings {
		if n > most || n == most && enc < s.info.Encoding {
			s.info.Encoding, most = enc, n
		}
	}
	for _, enc := range slices.Sorted(maps.Keys(legacy)) {
		s.warn(usermsg.Sprintf("%d files in %s are not UTF-8; decoded as %s; check their text, or save them as UTF-8",
			legacy[enc], filepath.Base(root), encodingLabel(enc)))
	}
	return nil
}

// readFolderFile emits the document of one file and returns its encoding,
// or "" when the file was skipped.
func (s *scanner) readFolderFile(f folderFile) (string, error) {
	t, err := s.openText(f.path, f.rel)
	var ce *Error
	switch {
	case errors.Is(err, errEmptyFile):
		s.skip(f.rel, 0, usermsg.Sprintf("file is empty"))
		return "", nil
	case errors.As(err, &ce):
		// A binary or unreadable file is one bad row of the corpus, not a
		// reason to give up on the folder.
		s.skip(f.rel, 0, usermsg.Sprintf("file %v", ce.what()))
		return "", nil
	}
	if err != nil {
		return "", err
	}
	defer t.Close()

	data, err := io.ReadAll(t.r)
	if err != nil {
		return "", s.cancelled(fileError(f.path, err))
	}
	text := strings.TrimRight(string(data), "\n")
	if t.utf8() {
		var repaired bool
		if text, repaired = repairUTF8(text); repaired {
			s.repair(f.rel, 1)
		}
	}
	if strings.TrimSpace(text) == "" {
		s.skip(f.rel, 0, usermsg.Sprintf("file holds only blank lines"))
		return "", nil
	}
	d := Document{Text: text, Label: f.class, Source: f.rel, Line: 1, Split: f.split}
	return t.encoding, s.emit(d, false)
}

// descendSingle returns the only subfolder of dir when dir holds nothing
// else but hidden entries and files that are not .txt (such as a
// README) and that subfolder holds folders and no .txt files, and dir
// otherwise. A single class folder is not descended into.
func descendSingle(dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return dir
	}
	var sub string
	for _, e := range entries {
		switch {
		case isHidden(e.Name()):
		case e.IsDir():
			if sub != "" {
				return dir
			}
			sub = e.Name()
		case strings.EqualFold(filepath.Ext(e.Name()), ".txt"):
			return dir
		}
	}
	if sub == "" || isSplitName(sub) {
		return dir
	}
	inner, err := os.ReadDir(filepath.Join(dir, sub))
	if err != nil {
		return dir
	}
	folders := false
	for _, e := range inner {
		switch {
		case isHidden(e.Name()):
		case e.IsDir():
			folders = true
		case strings.EqualFold(filepath.Ext(e.Name()), ".txt"):
			return dir
		}
	}
	if !folders {
		return dir
	}
	return filepath.Join(dir, sub)
}

func isHidden(name string) bool { return strings.HasPrefix(name, ".") }

func isSplitName(name string) bool {
	n := strings.ToLower(name)
	return n == "train" || n == "test"
}

// listFolder returns the files of the class folders under root, in the
// order of their names, and skips the rest.
func (s *scanner) listFolder(root string) ([]folderFile, error) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, fileError(root, err)
	}
	split := false
	for _, e := range entries {
		if e.IsDir() && isSplitName(e.Name()) {
			split = true
		}
	}

	var files []folderFile
	for _, e := range entries {
		name := e.Name()
		switch {
		case isHidden(name):
			s.skip(name, 0, usermsg.Sprintf("hidden"))
		case !e.IsDir():
			s.skip(name, 0, usermsg.Sprintf("not inside a class folder"))
		case split && !isSplitName(name):
			s.skip(name+"/", 0, usermsg.Sprintf("not a train or test folder"))
		case split:
			kind := ""
			if strings.EqualFold(name, "test") {
				kind = SplitValidation
			}
			sub, err := s.listClasses(filepath.Join(root, name), name, kind)
			if err != nil {
				return nil, err
			}
			files = append(files, sub...)
		default:
			sub, err := s.listClassFiles(filepath.Join(root, name), name, name, "")
			if err != nil {
				return nil, err
			}
			files = append(files, sub...)
		}
	}
	return files, nil
}

// listClasses lists the class folders of a train or test folder. Files
// there (such as aclImdb's labeledBow.feat) are skipped, and unsup is
// ignored because its reviews have no label.
func (s *scanner) listClasses(dir, rel, split string) ([]folderFile, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fileError(dir, err)
	}
	var files []folderFile
	for _, e := range entries {
		name, r := e.Name(), path.Join(rel, e.Name())
		switch {
		case isHidden(name):
			s.skip(r, 0, usermsg.Sprintf("hidden"))
		case !e.IsDir():
			s.skip(r, 0, usermsg.Sprintf("not inside a class folder"))
		case strings.EqualFold(name, "unsup"):
			// Unlabelled reviews are not an error, so they are not listed.
		default:
			sub, err := s.listClassFiles(filepath.Join(dir, name), r, name, split)
			if err != nil {
				return nil, err
			}
			files = append(files, sub...)
		}
	}
	return files, nil
}

// listClassFiles lists the .txt files of one class folder and adds their
// sizes to the total for Options.Progress.
func (s *scanner) listClassFiles(dir, rel, class, split string) ([]folderFile, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fileError(dir, err)
	}
	var files []folderFile
	for _, e := range entries {
		name, r := e.Name(), path.Join(rel, e.Name())
		switch {
		case isHidden(name):
			s.skip(r, 0, usermsg.Sprintf("hidden"))
		case e.IsDir():
			s.skip(r+"/", 0, usermsg.Sprintf("a folder inside a class folder"))
		case !strings.EqualFold(filepath.Ext(name), ".txt"):
			s.skip(r, 0, usermsg.Sprintf("not a .txt file"))
		default:
			if info, err := e.Info(); err == nil {
				s.total += info.Size()
			}
			files = append(files, folderFile{path: filepath.Join(dir, name), rel: r, class: class, split: split})
		}
	}
	return files, nil
}

// encodingLabel names an encoding for warnings.
func encodingLabel(enc string) string {
	if enc == EncodingWindows1252 {
		return "windows-1252 (Latin-1)"
	}
	return enc
}
