// ValueTests: the value model — type names, accessors, date/time rendering, equality and tagged JSON.

import Foundation
import Testing
import TOML

@Suite("values")
struct ValueTests {
    @Test("type names used in user-facing messages")
    func typeNames() throws {
        let root = try TOMLParser.parse("""
            s = "x"
            i = 1
            f = 1.5
            b = true
            odt = 1979-05-27T07:32:00Z
            ldt = 1979-05-27T07:32:00
            ld = 1979-05-27
            lt = 07:32:00
            a = []
            t = {}
            """)
        let names = root.keys.compactMap { root[$0]?.typeName }
        #expect(names == ["string", "integer", "float", "boolean", "datetime", "local datetime", "local date",
                          "local time", "array", "table"])
        #expect(root["i"]?.typeNameWithArticle == "an integer")
        #expect(root["s"]?.typeNameWithArticle == "a string")
    }

    @Test("accessors return the payload only for the matching case")
    func accessors() throws {
        let root = try TOMLParser.parse("s = 'x'\ni = 7\nf = 2.5\nb = false\nd = 2024-01-02\na = [1]\nt = { k = 1 }")
        #expect(root["s"]?.stringValue == "x")
        #expect(root["s"]?.integerValue == nil)
        #expect(root["i"]?.integerValue == 7)
        #expect(root["i"]?.doubleValue == 7)
        #expect(root["f"]?.doubleValue == 2.5)
        #expect(root["b"]?.boolValue == false)
        #expect(root["d"]?.dateTimeValue?.day == 2)
        #expect(root["a"]?.arrayValue == [.integer(1)])
        #expect(root["t"]?.tableValue?["k"] == .integer(1))
        #expect(root["missing"] == nil)
    }

    @Test("date/time rendering is canonical RFC 3339", arguments: [
        ("1979-05-27T07:32:00Z", "1979-05-27T07:32:00Z"),
        ("1979-05-27 07:32:00z", "1979-05-27T07:32:00Z"),
        ("1979-05-27t07:32:00+00:00", "1979-05-27T07:32:00Z"),
        ("1979-05-27T00:32:00.999999-07:00", "1979-05-27T00:32:00.999999-07:00"),
        ("1979-05-27T00:32:00.5+05:30", "1979-05-27T00:32:00.5+05:30"),
        ("1979-05-27T07:32:00", "1979-05-27T07:32:00"),
        ("1979-05-27", "1979-05-27"),
        ("07:32:00.1234567891234", "07:32:00.123456789"),
        ("00:00:00", "00:00:00"),
    ])
    func dateTimeRendering(_ source: String, _ expected: String) throws {
        let value = try #require(try TOMLParser.parse("d = \(source)")["d"]?.dateTimeValue)
        #expect(value.rfc3339 == expected)
        #expect(value.description == expected)
    }

    @Test("date/time fields, equality and instants")
    func dateTimeFields() throws {
        let root = try TOMLParser.parse("""
            a = 1979-05-27T00:32:00.5-07:00
            b = 1979-05-27T00:32:00.500-07:00
            c = 1979-05-27T07:32:00.5Z
            """)
        let a = try #require(root["a"]?.dateTimeValue)
        let b = try #require(root["b"]?.dateTimeValue)
        let c = try #require(root["c"]?.dateTimeValue)
        #expect(a.kind == .offsetDateTime)
        #expect(a.nanosecond == 500_000_000)
        #expect(a.offsetMinutes == -420)
        #expect(a == b)            // same value, different spelling
        #expect(a != c)            // same instant, different offset
        #expect(a.date == c.date)
        #expect(c.date == Date(timeIntervalSince1970: 296_638_320.5))
        #expect(root["a"] == root["b"])
    }

    @Test("local date-times resolve in a time zone; local times have no date")
    func localDates() throws {
        let root = try TOMLParser.parse("ldt = 2025-03-01T09:00:00\nld = 2025-03-01\nlt = 09:00:00")
        let utc = try #require(TimeZone(identifier: "UTC"))
        let ldt = try #require(root["ldt"]?.dateTimeValue)
        #expect(ldt.date == nil)
        #expect(ldt.date(in: utc) == Date(timeIntervalSince1970: 1_740_819_600))
        #expect(root["ld"]?.dateTimeValue?.date(in: utc) == Date(timeIntervalSince1970: 1_740_787_200))
        #expect(root["lt"]?.dateTimeValue?.date(in: utc) == nil)
    }

    @Test("tables compare contents, not key order or positions")
    func tableEquality() throws {
        let first = try TOMLParser.parse("a = 1\nb = [2, 3]\n[c]\nd = 'x'")
        let second = try TOMLParser.parse("\n\nc = { d = \"x\" }\nb = [ 2, 3 ]\na = 1")
        #expect(first == second)
        #expect(first != (try TOMLParser.parse("a = 1\nb = [2, 3]\n[c]\nd = 'y'")))
        #expect(first.keys == ["a", "b", "c"])
        #expect(second.keys == ["c", "b", "a"])
    }

    @Test("integers in every base and at the 64-bit limits")
    func integers() throws {
        let root = try TOMLParser.parse("""
            max = 9_223_372_036_854_775_807
            min = -9223372036854775808
            hex = 0xDEAD_beef
            oct = 0o755
            bin = 0b1101
            zero = -0
            """)
        #expect(root["max"] == .integer(Int64.max))
        #expect(root["min"] == .integer(Int64.min))
        #expect(root["hex"] == .integer(0xDEADBEEF))
        #expect(root["oct"] == .integer(0o755))
        #expect(root["bin"] == .integer(13))
        #expect(root["zero"] == .integer(0))
    }

    @Test("strings: escapes, line-ending backslashes, CRLF normalised to LF, quotes before the delimiter")
    func strings() throws {
        let root = try TOMLParser.parse(
            "a = \"tab\\there \\u00e9 \\U0001F600\"\r\n"
                + "b = \"\"\"\r\nline one\r\nline \\\r\n    two\"\"\"\r\n"
                + "c = '''it's \"raw\" \\n'''\n"
                + "d = \"\"\"\"quoted\"\"\"\"\n")
        #expect(root["a"] == .string("tab\there é 😀"))
        #expect(root["b"] == .string("line one\nline two"))
        #expect(root["c"] == .string("it's \"raw\" \\n"))
        #expect(root["d"] == .string("\"quoted\""))
    }

    @Test("dotted keys may extend a table created implicitly by a header, which then counts as defined")
    func dottedKeysThroughImplicitTables() throws {
        let root = try TOMLParser.parse("[a.b.c]\nx = 1\n[a]\nb.d = 2\n")
        let b = try #require(root["a"]?.tableValue?["b"]?.tableValue)
        #expect(b["d"] == .integer(2))
        #expect(b["c"]?.tableValue?["x"] == .integer(1))
        #expect(throws: TOMLError.self) { try TOMLParser.parse("[a.b.c]\n[a]\nb.d = 2\n[a.b]\n") }
    }

    @Test("tagged JSON encoding")
    func taggedJSON() throws {
        let root = try TOMLParser.parse("""
            s = "quote \\" backslash \\\\ newline \\n bell \\u0007"
            f = [inf, -inf, nan, 1.0, 1e300]
            i = -42
            b = true
            d = 1979-05-27T07:32:00-08:00
            t = { "key with space" = 07:32:00.25 }
            """)
        #expect(TOMLTaggedJSON.encode(root) == #"{"s":{"type":"string","#
            + #""value":"quote \" backslash \\ newline \n bell \u0007"},"#
            + #""f":[{"type":"float","value":"inf"},{"type":"float","value":"-inf"},{"type":"float","value":"nan"},"#
            + #"{"type":"float","value":"1.0"},{"type":"float","value":"1e+300"}],"#
            + #""i":{"type":"integer","value":"-42"},"b":{"type":"bool","value":"true"},"#
            + #""d":{"type":"datetime","value":"1979-05-27T07:32:00-08:00"},"#
            + #""t":{"key with space":{"type":"time-local","value":"07:32:00.25"}}}"#)
        #expect(TOMLTaggedJSON.encode(.integer(1)) == #"{"type":"integer","value":"1"}"#)
    }

    @Test("parse(String) and parse(bytes:) agree, including a leading BOM")
    func entryPoints() throws {
        let text = "\u{FEFF}title = \"x\"\n[t]\nk = 1\n"
        #expect(try TOMLParser.parse(text) == (try TOMLParser.parse(bytes: Array(text.utf8))))
        #expect(try TOMLParser.parse("").isEmpty)
    }
}
