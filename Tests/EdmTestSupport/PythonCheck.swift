// PythonCheck: runs a short python3 program with text on its stdin, for checks by real parsers (prometheus_client).
import Foundation

/// Runs `python3 -c program`; a missing python3 or module fails the test (run scripts/install-test-deps).
public enum PythonCheck {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// - Returns: the program's standard output.
    /// - Throws: `Failure` with its exit status and standard error when it fails.
    public static func run(_ program: String, stdin: String) throws -> String {
        let result = try EdmRun.binary(["python3", "-c", program], stdin: Array(stdin.utf8), executable: "/usr/bin/env")
        guard result.code == 0 else {
            throw Failure(description: "python3 exited \(result.code): \(result.stderr) (run scripts/install-test-deps)")
        }
        return result.stdout
    }

    /// Parses Prometheus text exposition with `prometheus_client.parser.text_string_to_metric_families` and
    /// returns every sample as `name{label="value",…}` (labels sorted) → value, plus `# TYPE name` → type.
    public static func prometheusSamples(_ text: String) throws -> [String: Double] {
        let program = """
            import sys, json
            from prometheus_client.parser import text_string_to_metric_families
            out = {}
            for family in text_string_to_metric_families(sys.stdin.read()):
                out["# TYPE " + family.name + " " + family.type] = 1
                for s in family.samples:
                    labels = ",".join('%s="%s"' % (k, v) for k, v in sorted(s.labels.items()))
                    out["%s{%s}" % (s.name, labels)] = s.value
            print(json.dumps(out))
            """
        let json = try run(program, stdin: text)
        guard let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Double] else {
            throw Failure(description: "unexpected output: \(json)")
        }
        return object
    }
}
