package numcheck

import "testing"

// TestRenderAgrees checks what Render writes for Chinese values, and that
// Compare accepts it as their translation.
func TestRenderAgrees(t *testing.T) {
	for zh, want := range map[string]string{
		"1000亿美元":    "US$100 billion",
		"约1.5万亿元人民币": "about RMB 1.5 trillion",
		"2011年6月16日": "16 June 2011",
		"二〇一五年五月八日":  "8 May 2015",
		"300万吨":      "3 million t",
		"第五次":        "5th",
		"上半年":        "first half",
		"第三季度":       "3rd quarter",
		"百分之三十":      "30%",
		"1200万":      "12 million",
	} {
		vs := Chinese(zh)
		if len(vs) != 1 {
			t.Fatalf("%s: %d values", zh, len(vs))
		}
		got := Render(vs[0])
		if got != want {
			t.Errorf("Render(%s) = %q, want %q", zh, got, want)
		}
		if m, differ := Compare(zh, got); differ {
			t.Errorf("Compare(%s, %q) differs: %+v", zh, got, m)
		}
	}
}
