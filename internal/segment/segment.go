// Package segment turns imported Chinese files into documents, paragraphs
// and clauses, the units a translator works on.
//
// It is pure: bytes in, values out, no I/O and no shared state. The steps
// are Decode (bytes → UTF-8 text, with errors worded for the user), Split
// (text → documents, recognising the scraped web-page form of the seed
// corpus or plain text) and Clauses (paragraph → clauses). Parse runs them
// all. Segmentation is lossless: a document's paragraphs are exact
// substrings of the text, and a paragraph's clauses concatenate back to it
// byte for byte.
package segment

// Kind tells what a clause is.
type Kind string

const (
	KindText      Kind = "text"      // ordinary sentence or clause
	KindHeading   Kind = "heading"   // section marker: 一 / 一、 / （一） / 十一、 / 1.
	KindSignature Kind = "signature" // line of the closing signature block
)

// Clause is one translatable unit.
type Clause struct {
	Paragraph int    // 0-based paragraph index within the document
	Text      string // exact substring of the paragraph
	Kind      Kind
}

// Document is one statement, article or file.
type Document struct {
	Title       string   // without page chrome and without a trailing （全文）
	Date        string   // publication date YYYY-MM-DD, "" when unknown
	SignedDate  string   // YYYY-MM-DD from the signature block, "" if none
	SignedPlace string   // place(s) of signing (莫斯科; 莫斯科、北京 for 于莫斯科和北京), "" if none
	Paragraphs  []string // trimmed paragraph texts, chrome removed
	Clauses     []Clause // every paragraph's clauses, in order
}

// Parse decodes a file and splits it into documents.
func Parse(name string, data []byte) ([]Document, error) {
	text, err := Decode(name, data)
	if err != nil {
		return nil, err
	}
	return Split(name, text)
}

// FileError is a problem with an imported file, worded for the person who
// imported it. Callers can show Error() as is.
type FileError struct {
	Name string // the file name as given
	Msg  string // what is wrong, in plain words
}

func (e *FileError) Error() string {
	name := e.Name
	if name == "" {
		name = "file"
	}
	return name + ": " + e.Msg
}

func fileErr(name, msg string) error {
	return &FileError{Name: name, Msg: msg}
}
