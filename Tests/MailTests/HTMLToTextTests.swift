// HTMLToTextTests: the text/plain alternative generated from HTML bodies.
import Mail
import Testing

@Suite struct HTMLToTextTests {
    static let cases: [(String, String, String)] = [
        ("link with text", "<a href=\"https://x.com/a\">Read more</a>", "Read more (https://x.com/a)"),
        ("link whose text is the URL", "<a href=\"https://x.com/\">https://x.com</a>", "https://x.com"),
        ("mailto link", "Write to <a href=\"mailto:a@b.com\">a@b.com</a>.", "Write to a@b.com."),
        ("fragment link", "<a href=\"#top\">Top</a>", "Top"),
        ("entity in href", "<a href='https://x.com/p?a=1&amp;b=2'>Go</a>", "Go (https://x.com/p?a=1&b=2)"),
        ("image link", "<a href=\"https://x.com/i\"><img src=\"x.png\"></a>", "https://x.com/i"),
        ("image link with alt", "<a href=\"https://x.com\"><img alt=\"Logo\" src=\"l.png\"></a>",
         "Logo (https://x.com)"),
        ("lists",
         "<ul><li>One</li><li>Two<ul><li>Sub</li></ul></li></ul><ol><li>First</li><li>Second</li></ol>",
         "- One\n- Two\n  - Sub\n\n1. First\n2. Second"),
        ("ordered list start", "<ol start=\"3\"><li>c</li><li>d</li></ol>", "3. c\n4. d"),
        ("headings", "<h1>Title</h1><p>Text</p><h2>Sub</h2><h3>Small</h3>text",
         "Title\n=====\n\nText\n\nSub\n---\n\nSmall\n\ntext"),
        ("paragraphs and breaks", "<p>a<br>b</p><p>c<br/><br />d</p>", "a\nb\n\nc\n\nd"),
        ("table", "<table><tr><th>Name</th><th>Price</th></tr><tr><td>Tea</td><td>$3</td></tr></table>",
         "Name | Price\nTea | $3"),
        ("head, style and script dropped",
         "<html><head><title>T</title><style>.a{color:red}</style></head>"
            + "<body><script>alert(1)</script>Hi</body></html>",
         "Hi"),
        ("hidden preheader", "<div style=\"display: none; max-height:0\">preheader</div>Visible", "Visible"),
        ("nested hidden", "<div hidden><div>x</div>y</div>z", "z"),
        ("entities",
         "&amp; &lt;tag&gt; &quot;q&quot; &#39;s &#x1F600; &eacute; &nbsp;x &copy; &unknown; &#150; &amp",
         "& <tag> \"q\" 's 😀 é x © &unknown; – &"),
        ("whitespace collapsed", "  a \n\n  b\t c  ", "a b c"),
        ("pre keeps whitespace", "<pre>  code\n    indented</pre>after", "  code\n    indented\n\nafter"),
        ("comments and doctype", "<!DOCTYPE html><!-- hidden <p>no</p> --><p>x</p><?php echo 1 ?>", "x"),
        ("stray angle brackets", "a < b and c > d", "a < b and c > d"),
        ("invisible padding", "Hello&zwnj;&nbsp;&zwnj;&nbsp;&#8203;world\u{AD}!", "Hello world!"),
        ("head without end tag", "<head><title>x</title><body>Hi", "Hi"),
        ("divs are lines", "<div>one</div><div>two</div>three", "one\ntwo\nthree"),
        ("inline tags", "<p>This is <b>bold</b> and <em>it</em><span>alic</span>.</p>", "This is bold and italic."),
        ("uppercase tags", "<P>A<BR>B</P><UL><LI>C</LI></UL>", "A\nB\n\n- C"),
    ]

    @Test("conversions", arguments: cases.indices)
    func conversion(_ index: Int) {
        let (name, html, text) = Self.cases[index]
        #expect(HTMLToText.convert(html) == text, "\(name)")
    }

    @Test("long paragraphs wrap at 78 columns without losing words")
    func wrapping() {
        let words = (1...120).map { "word\($0)" }
        let text = HTMLToText.convert("<p>" + words.joined(separator: " ") + "</p>")
        let lines = text.split(separator: "\n")
        #expect(lines.count > 5)
        for line in lines { #expect(line.count <= 78) }
        #expect(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init) == words)
    }

    @Test("list items wrap with a hanging indent")
    func listWrapping() {
        let item = (1...30).map { "item\($0)" }.joined(separator: " ")
        let text = HTMLToText.convert("<ol><li>" + item + "</li></ol>")
        let lines = text.split(separator: "\n")
        #expect(lines.first?.hasPrefix("1. item1 ") == true)
        for line in lines.dropFirst() { #expect(line.hasPrefix("   item")) }
        for line in lines { #expect(line.count <= 78) }
    }

    @Test("CJK text wraps between characters, at most 78 columns wide")
    func cjkWrapping() {
        let sentence = String(repeating: "我们很高兴地通知您，您的订单已经发货。", count: 10)
        let text = HTMLToText.convert("<p>" + sentence + "</p>")
        let lines = text.split(separator: "\n")
        #expect(lines.count > 1)
        for line in lines {
            #expect(line.count * 2 <= 78)
            #expect(line.first != "，" && line.first != "。")
        }
        #expect(lines.joined() == sentence)
    }

    @Test("no markup is left in a realistic template")
    func noMarkup() {
        let html = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><style>td{padding:0}</style></head>
            <body><table role="presentation" width="100%"><tr><td align="center">
            <table><tr><td><img src="cid:logo" alt="ACME" width="120"></td></tr>
            <tr><td><h1 style="font-size:20px">Hello, Zhang Wei</h1>
            <p>Your order <strong>#1234</strong> has shipped.</p>
            <p><a href="https://acme.example/track?id=1234&amp;utm=mail" style="color:#00f">Track it</a></p>
            </td></tr></table></td></tr></table>
            <p style="font-size:10px">You get this because you signed up.
            <a href="https://acme.example/u">Unsubscribe</a></p>
            </body></html>
            """
        let text = HTMLToText.convert(html)
        #expect(!text.contains("<"))
        #expect(!text.contains(">"))
        #expect(text.contains("Hello, Zhang Wei\n================"))
        #expect(text.contains("Track it (https://acme.example/track?id=1234&utm=mail)"))
        #expect(text.contains("Unsubscribe (https://acme.example/u)"))
        #expect(text.hasPrefix("ACME"))
    }
}
