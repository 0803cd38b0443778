package exchange

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestFileName(t *testing.T) {
	for _, c := range []struct {
		id                uint
		date, title, name string
		ascii             string
	}{
		{4, "2013-03-23", "中华人民共和国和俄罗斯联邦关于合作共赢、深化全面战略协作伙伴关系的联合声明",
			"2013-03-23 合作共赢、深化全面战略协作伙伴关系.tmx", "2013-03-23-statement-4.tmx"},
		{5, "2011-06-16", "中俄元首关于《中俄睦邻友好合作条约》签署10周年的联合声明",
			"2011-06-16 《中俄睦邻友好合作条约》签署10周年.tmx", "2011-06-16-statement-5.tmx"},
		{10, "2013-03-23", "中华人民共和国和俄罗斯联邦关于合作共赢的联合声明（全文）", "2013-03-23 合作共赢.tmx", "2013-03-23-statement-10.tmx"},
		{6, "", "联合声明", "联合声明.tmx", "statement-6.tmx"}, // nothing left without the kind: kept
		{7, "2020-01-01", "a/b\\c:d*e?f\"g<h>i|j\x00k\u202e\tl", "2020-01-01 a b c d e f g h i jk l.tmx", "2020-01-01-statement-7.tmx"},
		{8, "2020-01-01", " ..../.. ", "2020-01-01 statement-8.tmx", "2020-01-01-statement-8.tmx"},
		{9, "../../etc", "关于", "etc 关于.tmx", "etc-statement-9.tmx"},
	} {
		name, ascii := FileName(c.id, c.date, c.title, ".tmx")
		if name != c.name || ascii != c.ascii {
			t.Errorf("FileName(%d, %q, %q) = %q, %q; want %q, %q", c.id, c.date, c.title, name, ascii, c.name, c.ascii)
		}
	}
	long := strings.Repeat("合作", 100)
	name, _ := FileName(1, "2020-01-01", long, ".xlf")
	if n := utf8.RuneCountInString(name); n != len("2020-01-01 ")+MaxTitleRunes+len(".xlf") || len(name) > 255 {
		t.Errorf("long title: %d characters, %d bytes: %q", n, len(name), name)
	}
	if got := CorpusFileName("corpus", time.Date(2026, 12, 6, 23, 0, 0, 0, time.UTC), ".csv"); got != "zhen-corpus-2026-12-06.csv" {
		t.Errorf("CorpusFileName = %q", got)
	}
}
