// ErrorMessageTests: exact error wording, positions and the compiler-style formatted output.

import Testing
import TOML

@Suite("error messages")
struct ErrorMessageTests {
    /// Parses `text`, expecting failure, and returns the error.
    private func failure(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> TOMLError? {
        do {
            let table = try TOMLParser.parse(text)
            Issue.record("expected an error, parsed \(TOMLTaggedJSON.encode(table))", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    @Test("formatted output quotes the line and puts a caret under the column")
    func formattedMissingValue() throws {
        let text = String(repeating: "# filler\n", count: 11) + "name = = 3\n"
        let error = try #require(failure(text))
        #expect(error.line == 12)
        #expect(error.column == 8)
        #expect(error.description == "line 12, column 8: expected a value, found '='")
        #expect(error.formatted(file: "campaign.toml") == """
            campaign.toml:12:8: error: expected a value, found '='
               12 | name = = 3
                  |        ^
            """)
    }

    @Test("duplicate key names the first definition")
    func duplicateKey() throws {
        let error = try #require(failure("subject = \"Hi\"\nfrom = \"a@b.c\"\nsubject = \"Again\"\n"))
        #expect(error.formatted(file: "campaign.toml") == """
            campaign.toml:3:1: error: duplicate key 'subject' (first defined at line 1)
                3 | subject = "Again"
                  | ^
            """)
    }

    @Test("duplicate dotted key reports the full path at the last part")
    func duplicateDottedKey() throws {
        let error = try #require(failure("[smtp]\nauth.user = \"a\"\nauth.user = \"b\"\n"))
        #expect(error.message == "duplicate key 'smtp.auth.user' (first defined at line 2)")
        #expect(error.line == 3)
        #expect(error.column == 6)
    }

    @Test("control characters are named and made visible in the quoted line")
    func controlCharacter() throws {
        let error = try #require(failure("s = \"a\u{7}b\"\n"))
        #expect(error.message == "control character U+0007 in string (use the escape \\u0007)")
        #expect(error.sourceLine == "s = \"a\u{2407}b\"")
        #expect(error.formatted(file: "x.toml") == """
            x.toml:1:7: error: control character U+0007 in string (use the escape \\u0007)
                1 | s = "a\u{2407}b"
                  |       ^
            """)
    }

    @Test("tabs in the line are copied into the caret line so the caret lines up")
    func tabAlignment() throws {
        let error = try #require(failure("[t]\n\tkey =\t@\n"))
        #expect(error.formatted(file: "t.toml") == "t.toml:2:8: error: expected a value, found '@'\n"
            + "    2 | \tkey =\t@\n"
            + "      | \t     \t^")
    }

    @Test("columns count Unicode scalars, not bytes")
    func unicodeColumns() throws {
        let error = try #require(failure("greeting = \"héllo 😀\" oops\n"))
        #expect(error.message == "expected a newline after the value, found 'o'")
        #expect(error.column == 22)
    }

    @Test("invalid UTF-8 is reported at the offending byte")
    func invalidUTF8() {
        let bytes: [UInt8] = Array("ok = 1\nbad = \"".utf8) + [0xC3, 0x28] + Array("\"\n".utf8)
        #expect(throws: TOMLError.self) { try TOMLParser.parse(bytes: bytes) }
        do {
            _ = try TOMLParser.parse(bytes: bytes)
        } catch {
            #expect(error.message == "invalid UTF-8: unexpected byte 0xC3")
            #expect(error.line == 2)
            #expect(error.column == 8)
            #expect(error.sourceLine == "bad = \"\u{FFFD}(\"", "\(Array(error.sourceLine.unicodeScalars))")
        }
    }

    @Test("a UTF-8 byte order mark is skipped and not counted as a column")
    func byteOrderMark() throws {
        let table = try TOMLParser.parse(bytes: [0xEF, 0xBB, 0xBF] + Array("a = 1".utf8))
        #expect(table["a"] == .integer(1))
        #expect(table.keyPosition("a") == TOMLPosition(line: 1, column: 1))
    }

    @Test("specific messages", arguments: [
        ("s = \"abc\n", 1, 5, "unterminated string: missing closing '\"' before the end of the line"),
        ("s = \"\"\"abc\n\n", 1, 5, "unterminated multi-line string: missing closing '\"\"\"'"),
        ("s = \"a\\qb\"", 1, 7, "invalid escape sequence '\\q'"),
        ("s = \"\\uD800\"", 1, 6,
         "invalid unicode escape '\\uD800': not a Unicode scalar value (surrogates and values above U+10FFFF "
            + "are not allowed)"),
        ("n = 007", 1, 5, "leading zeros are not allowed in '007'"),
        ("n = 1__000", 1, 6, "underscores in numbers must be between digits: '1__000'"),
        ("n = 9223372036854775808", 1, 5, "integer '9223372036854775808' is out of range for a 64-bit signed integer"),
        ("n = 0xG", 1, 7, "invalid hexadecimal digit 'G' in '0xG'"),
        ("d = 2023-02-29", 1, 13,
         "invalid date '2023-02-29': day 29 is out of range for February 2023, which has 28 days"),
        ("d = 2023-13-01", 1, 10, "invalid date '2023-13-01': month 13 does not exist"),
        ("t = 25:00:00", 1, 5, "invalid time in '25:00:00': hour 25 is out of range (00-23)"),
        ("t = 07:32", 1, 5, "invalid time in '07:32': expected HH:MM:SS (seconds are required)"),
        ("b = True", 1, 5, "invalid value 'True': booleans are lower-case 'true' or 'false'"),
        ("s = hello", 1, 5, "invalid value 'hello' (strings must be quoted)"),
        ("[a]\nx = 1\n[a]\n", 3, 1, "redefining table [a] (first defined at line 1)"),
        ("a = 1\n[a.b]\n", 2, 2, "key 'a' is already defined as an integer at line 1, so it cannot be used as a table"),
        ("a = {x = 1}\na.y = 2\n", 2, 1,
         "cannot add to inline table 'a' (defined at line 1): inline tables are immutable"),
        ("a = [1]\n[[a]]\n", 2, 1, "cannot append to static array 'a' (defined at line 1) with [[a]]"),
        ("[a]\nb.c = 1\n[a.b]\n", 3, 1, "redefining table [a.b]: it was already defined by dotted keys at line 2"),
        ("a = {x = 1,}", 1, 12, "trailing comma is not allowed in an inline table"),
        ("a = {x = 1\n}", 1, 11,
         "newline in inline table: inline tables must be on a single line (use a [table] section for longer tables)"),
        ("a = [1, 2", 1, 5, "unterminated array: missing ']' before the end of the file"),
        ("a = [1 2]", 1, 8, "expected ',' or ']' after an array element, found '2'"),
        ("a = 1 # bell \u{7}\n", 1, 14, "control character U+0007 is not allowed in a comment"),
        ("a = 1\rb = 2", 1, 6, "bare carriage return (U+000D): a line ending must be LF or CRLF"),
        ("café = 1", 1, 4,
         "invalid character 'é' (U+00E9) in bare key 'caf'; bare keys may only contain A-Z, a-z, 0-9, '_' and '-' "
            + "(quote other keys)"),
        ("key\n", 1, 4, "expected '=' after key 'key', found end of line"),
        ("[table\n", 1, 7, "expected ']' to close the table header [table], found end of line"),
    ])
    func specificMessages(_ text: String, _ line: Int, _ column: Int, _ message: String) throws {
        let error = try #require(failure(text))
        #expect(error.message == message)
        #expect(error.line == line)
        #expect(error.column == column)
    }

    @Test("long lines are cut to a window around the column")
    func longLineWindow() throws {
        let text = "k = [" + String(repeating: "1, ", count: 100) + "@]"
        let error = try #require(failure(text))
        #expect(error.column == 306)
        let lines = error.formatted(file: "f.toml").split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3)
        let quoted = lines[1].dropFirst("    1 | ".count)
        let caret = lines[2].dropFirst("      | ".count)
        #expect(quoted.hasPrefix("…"))
        #expect(quoted.unicodeScalars.count <= TOMLError.maxQuotedWidth + 2)
        // The caret sits under the offending character.
        let caretIndex = caret.unicodeScalars.count - 1
        #expect(Array(quoted.unicodeScalars)[caretIndex] == "@")
    }
}
