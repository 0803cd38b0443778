package main

import "strconv"

// count is n with the word that fits it: count(1, "clause", "clauses") is
// "1 clause", count(2, …) "2 clauses". The words may go on: "row matches",
// "rows match".
func count(n int, one, other string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + other
}
