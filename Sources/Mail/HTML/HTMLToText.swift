// HTMLToText: makes the text/plain alternative from an HTML body (RFC 2046 §5.1.4 multipart/alternative).

/// Converts HTML to readable plain text for the text part of a message.
///
/// Links become `text (url)` (just the URL when the text is the URL), list items `- item` or `1. item`,
/// headings stand on their own line (`h1` underlined with `=`, `h2` with `-`), paragraphs are separated
/// by a blank line, `<br>` breaks the line, table rows become lines with cells joined by ` | `, and
/// `<head>`, `<style>`, `<script>`, `<title>` and elements hidden with `display:none` or `hidden` are
/// dropped. Entities are decoded, whitespace is collapsed and lines are wrapped at `width` columns
/// where a space (or a boundary between CJK characters) allows.
public enum HTMLToText {
    /// Converts `html` to plain text.
    ///
    /// - Parameters:
    ///   - html: the HTML document or fragment.
    ///   - width: the column to wrap at; 78 by default (RFC 5322 §2.1.1's recommended line length).
    /// - Returns: the text, lines separated by LF, without leading or trailing blank lines.
    public static func convert(_ html: String, width: Int = 78) -> String {
        html.withUTF8Buffer { bytes in
            var converter = HTMLConverter(bytes: bytes, width: width)
            converter.run()
            return converter.assembler.finish()
        }
    }
}
