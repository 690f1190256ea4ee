// libFuzzer target for the Mustache parser and renderer (Sources/Mustache). Built by scripts/fuzz.
import Mustache

/// A small fixed context with every kind of value: strings (one needing HTML escaping), numbers, booleans,
/// a list of objects, a nested object, an empty list and null.
/// Built per input: a global would be allocated during the first input and reported as a leak.
private func makeContext() -> MustacheValue {
    [
    "name": "World", "html": "<b>\"&'</b>", "count": 3, "price": 2.5, "flag": true, "off": false,
    "nothing": nil, "empty": [],
    "items": [["name": "a", "flag": false], ["name": "b", "items": ["x"]]],
    "sender": ["name": "Ann", "address": ["city": "Oslo"]],
    "partial": "a",
    ]
}

/// The input is split at NUL bytes: the main template, then partials named `a`, `b` and `c` (NUL cannot
/// occur in a template file that a user edits). The first byte picks the flags. Properties checked: compile
/// returns or throws; rendering always ends (bounded by `maxRenderDepth` and the data); the checked and
/// unchecked renders agree when the checked one succeeds; strict mode and reference listing return.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMustache(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let flags = data[0]
    let pieces = UnsafeBufferPointer(start: data + 1, count: size - 1)
        .split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false)
        .map { String(decoding: $0, as: UTF8.self) }
    guard let source = pieces.first else { return 0 }
    var partials: [String: String] = [:]
    for (name, text) in zip(["a", "b", "c"], pieces.dropFirst()) {
        partials[name] = text
    }
    let template: MustacheTemplate
    do {
        template = try MustacheTemplate(
            source: source, name: "fuzz", partials: partials, requirePartials: flags & 1 != 0)
    } catch {
        check(error.line >= 1 && error.column >= 1, "an error without a position")
        return 0
    }
    let context = makeContext()
    let escaping: MustacheEscaping = flags & 2 != 0 ? .none : .html
    let unchecked = template.render(context, escaping: escaping)
    if let checked = try? template.renderChecked(context, escaping: escaping) {
        check(checked == unchecked, "checked and unchecked renders differ")
    }
    _ = template.unknownReferences(knownNames: ["name", "items", "sender.name"], scalarNames: ["name"])
    _ = template.references
    return 0
}
