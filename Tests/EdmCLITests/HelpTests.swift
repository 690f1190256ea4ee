// Help output, asserted verbatim: it is generated from each command's declaration.
import EdmTestSupport
import Testing

@Suite struct HelpTests {
    static let globalOptions = """
        GLOBAL OPTIONS:
          -q, --quiet               Print only errors and the final summary.
          -v, --verbose             Print more detail about what edm is doing.
          --no-color                Do not colour output (also: NO_COLOR=1).
          -h, --help                Show help for this command.

        """

    static let overview = """
        OVERVIEW: edm sends personalised bulk email through your SMTP relay, safely and resumably.

        USAGE: edm <command> [options]

        COMMANDS:
          check                     Validate a campaign before it goes out.
          send                      Send a campaign (or --dry-run: render every message, send nothing).
          status                    Show what has happened to a campaign, from its journal.
          report                    Report on a campaign from its journal: text, JSON, CSV, or HTML with charts.
          preview                   Write rendered messages as .eml files and an index.html.
          recipients                Check a recipient CSV: valid, invalid and duplicate rows.
          suppress                  Add, remove, list, check, import or export suppressed addresses.
          unsubscribe               Verify unsubscribe tokens; import them from an endpoint's log into suppression.
          bounces                   Import bounces, complaints and unsubscribe mail into suppression and the journal.
          dkim                      Make DKIM keys and check them against DNS.
          init                      Create a new campaign from a starter template.
          version                   Show edm's version and the OpenSSL it runs with.
          help                      Show help for edm or for one command.
          toml-decode               Decode TOML from stdin to toml-test's tagged JSON.

        \(globalOptions)
        See 'edm help <command>' for details. Exit codes and the campaign file: README.md, docs/.

        """

    @Test("edm help lists every command")
    func overviewHelp() {
        let result = EdmRun.inProcess(["help"])
        #expect(result.code == 0)
        #expect(result.stdout == Self.overview)
        #expect(result.stderr.isEmpty)
    }

    @Test("edm --help is the same as edm help")
    func dashDashHelp() {
        #expect(EdmRun.inProcess(["--help"]).stdout == Self.overview)
    }

    @Test("edm with no command prints the overview on stderr and exits 64")
    func noCommand() {
        let result = EdmRun.inProcess([])
        #expect(result.code == 64)
        #expect(result.stderr == Self.overview)
        #expect(result.stdout.isEmpty)
    }

    @Test("edm help check")
    func checkHelp() {
        let expected = """
            OVERVIEW: Validate a campaign before it goes out.

            Reports every problem in the campaign file at once, each as file:line:column with what to do,
            then reads every recipient and renders every message as a send would (nothing is written).
            Exit 0 when the campaign is valid (warnings allowed), 78 when the campaign file is not, 65 for
            a bad CSV or template, 66 when a file cannot be read.
            With --smtp, also connects to every relay: EHLO, STARTTLS, AUTH, then QUIT (no mail is sent),
            printing capabilities, TLS version, cipher and certificate; exit 69 when a relay cannot be
            reached, 77 when it refuses the credentials, 78 when TLS verification or policy fails.
            With --json, every finding (campaign file, rendering, compliance lint) is one JSON object per
            line on stdout: {"file","line","column","severity","rule","message"}; exit codes are the same.
            With --spamassassin, the first 5 rendered messages are scored with 'spamassassin -L -t'
            (local tests only), printing each score and its rules; a score of 5.0 or more is a warning.

            USAGE: edm check <campaign.toml> [--json] [--spamassassin] [--smtp] [--trace-smtp <file>]

            ARGUMENTS:
              <campaign.toml>           The campaign file to check.

            OPTIONS:
              --json                    Print findings as JSON, one object per line, on stdout.
              --spamassassin            Score up to 5 rendered messages with SpamAssassin.
              --smtp                    Also connect and log in to every configured relay.
              --trace-smtp <file>       Append the SMTP dialogue to <file> (AUTH redacted).

            \(Self.globalOptions)
            """
        #expect(EdmRun.inProcess(["help", "check"]).stdout == expected)
        #expect(EdmRun.inProcess(["check", "--help"]).stdout == expected)
        #expect(EdmRun.inProcess(["check", "-h"]).stdout == expected)
        #expect(EdmRun.inProcess(["-h", "check"]).stdout == expected)
    }

    @Test("edm help send: options, guards, progress, logs, metrics and every exit code")
    func sendHelp() {
        let expected = """
            OVERVIEW: Send a campaign (or --dry-run: render every message, send nothing).

            Sends every recipient not already done according to the campaign's journal, so running it again
            resumes where the last run stopped and mails nobody twice. Recipients whose last attempt is
            uncertain (the run died or the connection dropped while the message was in flight: at most five
            per connection, two with a relay across a network) are not resent unless you pass
            --resend-uncertain (same Message-ID). A second edm send on the same campaign exits 4.
            With --dry-run, reads every recipient, applies every check, renders and builds every message
            exactly as a send would, writes nothing, and prints counts with the first examples of each
            problem (exit 0, or 65 when a template or row has an error).
            Before anything is sent the campaign is checked as edm check does (compliance errors: exit 78).
            Outside campaign.send_window or before campaign.not_before nothing is sent (exit 75).
            The list is counted first: more deliverable recipients than campaign.max_recipients is refused
            (exit 65); more than guards.confirm_above (default 10000) asks y/N on a terminal and otherwise
            needs --yes (exit 64 without it).
            While it runs: a live status line on a terminal, or a progress line every --progress-interval
            (default 30s) otherwise; per-recipient log lines with --log-format or --log-file (or -v); a
            Prometheus textfile with --metrics-file. The safety guards ([guards]) stop a run whose recent
            bounce, block or deferral rate is too high, or that cannot reach any relay: exit 3, journal
            consistent; fix the cause and run again to resume. [notify] command runs when the run ends,
            with the summary JSON on its standard input (docs/monitoring.md).
            Exit 0 when done, 3 when a safety guard stopped it, 75 when deferred recipients remain (run
            again later), 69 when no relay was ever reachable, 4 when another run holds the lock, 74 when the
            journal cannot be read or written or is damaged (nothing is sent), 130/143 when stopped by
            SIGINT/SIGTERM (journal consistent; run again to resume).

            USAGE: edm send <campaign.toml> [--dry-run] [--limit <n>] [--max-duration <time>] [--resend-uncertain] ...

            ARGUMENTS:
              <campaign.toml>           The campaign to send.

            OPTIONS:
              --dry-run                 Render and check everything; send and write nothing.
              --test                    Send the first messages (--limit, default 3) only to campaign.test_recipients.
              --limit <n>               Attempt at most <n> messages in this run.
              --max-duration <time>     Start no new message after <time> (e.g. 50m).
              --resend-uncertain        Resend recipients whose last attempt is uncertain.
              --allow-changed-inputs    Resume although the list or templates changed.
              --trace-smtp <file>       Append the SMTP dialogue to <file> (AUTH redacted).
              --shard <K/N>             Only shard K (0 to N-1) of N, with its own journal (docs/sharding.md).
              --yes                     Send a campaign above guards.confirm_above without asking.
              --no-progress             No progress line (on a terminal or not).
              --progress-interval <time>
                                        Not on a terminal: a progress line every <time> (default 30s; 0: none).
              --log-format <text|json>  Log every recipient's events as text or JSON lines.
              --log-file <file>         Append the log to <file> (created 0600) instead of stderr.
              --metrics-file <file>     Write Prometheus metrics to <file> during and after the run.

            \(Self.globalOptions)
            """
        #expect(EdmRun.inProcess(["help", "send"]).stdout == expected)
        #expect(EdmRun.inProcess(["send", "--help"]).stdout == expected)
    }

    @Test("edm help init shows options with short names and values")
    func initHelp() {
        let expected = """
            OVERVIEW: Create a new campaign from a starter template.

            Writes campaign.toml, recipients.csv, message.html and message.txt into <dir> (default: the
            current folder), creating it if needed. Existing files are never overwritten: if any would be,
            nothing is written and edm exits 73.

            USAGE: edm init [<dir>] [--template <name>] [--list]

            ARGUMENTS:
              <dir>                     Folder for the new campaign (default: .).

            OPTIONS:
              -t, --template <name>     newsletter (default), announcement or event-zh.
              --list                    List the starter templates and exit.

            \(Self.globalOptions)
            """
        #expect(EdmRun.inProcess(["init", "--help"]).stdout == expected)
    }

    @Test("edm help suppress")
    func suppressHelp() {
        let expected = """
            OVERVIEW: Add, remove, list, check, import or export suppressed addresses.

            Works on one list file (--file, created by add and import when missing) or on the campaign's
            lists (--campaign: edits go to the first of suppression.files, else global_file; check and
            list read them all). Entries are written as CSV lines "entry,reason,date"; every edit
            rewrites the file atomically and never adds an entry that is already listed. Format and
            hashing: docs/suppression.md.
            check exits 0 when the address is suppressed (printing file:line and the entry) and 1 when it
            is not. Exit 64 for a bad address or option, 65 for a malformed list or import file (nothing
            is written), 66 when a list cannot be read, 73 when it cannot be written, 78 for a bad
            campaign file or HMAC key.

            USAGE: edm suppress <action> [<address>...|<file>] (--file <list> | --campaign <campaign.toml>) [options]

            ARGUMENTS:
              <action>                  add, remove, list, check, import or export.
              <address|file>            Addresses, @domains or *.domains; for import, the file.

            OPTIONS:
              --file <list>             The suppression list to work on.
              --campaign <campaign.toml>
                                        Work on the campaign's suppression lists.
              --reason <text>           add, import: why (default: manual / import).
              --hash                    add, import: store hmac-sha256 of the address, not the address.
              --hmac-key-env <name>     Environment variable holding the HMAC key.
              --hmac-key-file <path>    File holding the HMAC key (mode 0600).
              --skip-invalid            import: skip lines that are not entries instead of stopping.
              --tokens                  import: the file holds unsubscribe tokens (needs --campaign).

            \(Self.globalOptions)
            """
        #expect(EdmRun.inProcess(["help", "suppress"]).stdout == expected)
        #expect(EdmRun.inProcess(["suppress", "--help"]).stdout == expected)
    }

    @Test("edm help report")
    func reportHelp() {
        let expected = """
            OVERVIEW: Report on a campaign from its journal: text, JSON, CSV, or HTML with charts.

            Reads the journal only (no lock is taken, so it works while a send runs). text: tables
            for a terminal. json: one document (schema in docs/reports.md). csv: one row per
            recipient (its latest record), cells that a spreadsheet would run as formulas are
            defused. html: one self-contained page (inline CSS and SVG charts, no scripts, nothing
            loaded from the network): outcomes, send rate over time, domains, reply codes.
            Counts by state and domain are per recipient; reply codes, failures and the timeline
            count every attempt. With [privacy] mask_addresses, addresses show as a***@example.com.
            Exit 0, 66 when the campaign has no journal yet, 73 when --out cannot be written.

            Examples:
              edm report campaign.toml
              edm report campaign.toml --format html --out report.html
              edm report campaign.toml --format csv --out recipients.csv

            USAGE: edm report <campaign.toml> [--format text|json|csv|html] [--out <file>] [--shard K/N]

            ARGUMENTS:
              <campaign.toml>           The campaign.

            OPTIONS:
              --format <format>         text (default), json, csv or html.
              -o, --out <file>          Write to this file (replaced when complete) instead of stdout.
              --shard <K/N>             The journal of shard K of N (see edm help send).

            \(Self.globalOptions)
            """
        #expect(EdmRun.inProcess(["help", "report"]).stdout == expected)
        #expect(EdmRun.inProcess(["report", "--help"]).stdout == expected)
    }

    @Test("every command has help that starts with its overview and shows its usage line")
    func everyCommandHasHelp() {
        for name in ["check", "send", "status", "report", "preview", "recipients", "suppress", "unsubscribe", "dkim", "init", "version", "help",
                     "toml-decode"] {
            let result = EdmRun.inProcess([name, "--help"])
            #expect(result.code == 0, "\(name)")
            #expect(result.stdout.hasPrefix("OVERVIEW: "), "\(name)")
            #expect(result.stdout.contains("\nUSAGE: edm \(name)"), "\(name)")
        }
    }
}
