package numcheck

import (
	"math"
	"strconv"
)

// Render writes a value of a Chinese text as an English translation of a
// policy text would: 1000亿美元 → "US$100 billion", 300万吨 → "3 million t",
// dates as "16 June 2011", 约30% → "about 30%". What Compare accepts, the
// editor inserts (Alt+Shift+N).
func Render(v Value) string {
	s := ""
	switch {
	case v.Kind == KindAmount && currencies[v.Unit] != "":
		s = currencies[v.Unit] + scaled(v.Num)
	case v.Kind == KindAmount && v.Unit != "" && math.Abs(v.Num) >= 1e6:
		s = scaled(v.Num) + " " + v.Unit
	case v.Kind == KindNumber && math.Abs(v.Num) >= 1e6:
		s = scaled(v.Num)
	case v.Kind == KindPeriod && v.Unit == "half":
		s = []string{"first", "second"}[min(max(int(v.Num), 1), 2)-1] + " half"
	case v.Kind == KindPeriod:
		s = ordinal(v.Num) + " quarter"
	default:
		return Describe(v)
	}
	if v.Approx {
		s = "about " + s
	}
	return s
}

// currencies is how English writes the currencies Chinese texts name.
var currencies = map[string]string{"USD": "US$", "CNY": "RMB ", "EUR": "€", "RUB": "RUB ", "JPY": "¥", "GBP": "£", "HKD": "HK$"}

// scaled writes large numbers in words of scale: 100 billion, 1.5 million.
func scaled(f float64) string {
	for _, s := range []struct {
		n    float64
		name string
	}{{1e12, " trillion"}, {1e9, " billion"}, {1e6, " million"}} {
		if math.Abs(f) >= s.n {
			return strconv.FormatFloat(f/s.n, 'f', -1, 64) + s.name
		}
	}
	return formatNum(f, 3)
}
