// ExitCode: the process exit statuses edm documents (README "Exit codes"); sysexits(3) where one fits.

/// How an `edm` run ended. The numbers are a contract with cron jobs and scripts: keep README in step.
public enum ExitCode: Int32, Sendable, CaseIterable {
    /// Everything asked for was done.
    case success = 0
    /// Generic failure, used only where an outside interface demands it (`edm toml-decode`, per toml-test).
    case failure = 1
    /// The campaign stopped itself because a safety guard tripped (bounce or block rate).
    case safetyStop = 3
    /// Another `edm send` holds this campaign's lock.
    case locked = 4
    /// EX_USAGE: the command line was wrong.
    case usage = 64
    /// EX_DATAERR: bad data in a CSV, template or other input.
    case dataError = 65
    /// EX_NOINPUT: an input file is missing or unreadable.
    case noInput = 66
    /// EX_UNAVAILABLE: no relay could be reached.
    case unavailable = 69
    /// EX_SOFTWARE: a bug in edm.
    case software = 70
    /// EX_CANTCREAT: an output file (journal, outbox) cannot be created.
    case cannotCreate = 73
    /// EX_IOERR: writing the journal or another output failed.
    case ioError = 74
    /// EX_TEMPFAIL: deferred recipients remain; run again later (cron).
    case tempFail = 75
    /// EX_NOPERM: credentials refused.
    case noPermission = 77
    /// EX_CONFIG: the campaign file is invalid.
    case config = 78
    /// Stopped by SIGINT (128 + 2); the journal is consistent, run again to resume.
    case interrupted = 130
    /// Stopped by SIGTERM (128 + 15); the journal is consistent, run again to resume.
    case terminated = 143
}
