// edm send, the run itself: the pre-send count and confirmation, the watched run, summary, exit code, notify.
import Campaign
import Foundation

extension EdmCommand.Send {
    /// campaign.max_recipients and guards.confirm_above, from one counting pass over the list.
    /// - Returns: the exit code when the run must not go ahead, nil when it may.
    func confirm(_ campaign: Campaign, count: RecipientCount, context: CommandContext) -> ExitCode? {
        if let cap = campaign.maxRecipients, count.deliverable > cap {
            context.error("\(campaignPath): \(count.description): more than campaign.max_recipients = \(cap); "
                + "nothing was sent. Split the list (or --shard it), or raise the cap")
            return .dataError
        }
        let threshold = campaign.guards.confirmAbove
        guard count.deliverable > threshold, !yes else { return nil }
        let question = "\(campaign.id): \(count.description), more than guards.confirm_above = \(threshold)."
        guard context.output.stdinIsTerminal else {
            context.error("\(question) Standard input is not a terminal, so nobody can confirm: pass --yes to send; "
                + "nothing was sent")
            return .usage
        }
        context.output.writeErr(question + " Send? [y/N] ")
        let answer = context.readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        guard answer == "y" || answer == "yes" else {
            context.error("not confirmed; nothing was sent")
            return .usage
        }
        return nil
    }

    /// The run itself, watched by the progress line, logs, metrics and safety guards; then the summary and
    /// the notify hook.
    func send(
        _ prepared: PreparedCampaign, transport: any MessageTransport, options: SendOptions, deliverable: Int,
        context: CommandContext
    ) throws -> ExitCode {
        let campaign = prepared.campaign
        let monitor = try SendMonitor(options: monitoring, campaign: campaign, context: context)
        let safetyGuard = SafetyGuard(settings: campaign.guards)
        let stop = StopSignal()
        stop.install()
        let relays = campaign.transport.smtp?.relays.map { "\($0.host):\($0.port)" } ?? ["outbox"]
        let runner = CampaignRunner(
            prepared: prepared, transport: transport, options: options, stop: stop, edmVersion: EdmVersion.current,
            observer: monitor.observer, safetyGuard: safetyGuard,
            start: RunStart(campaignID: campaign.id, deliverable: deliverable, relays: relays))
        monitor.begin()
        let summary: SendSummary
        do {
            summary = try runner.run()
        } catch {
            monitor.end(nil).map { context.warning("metrics file: \($0)") }
            let code = EdmCommand.report(error, context: context)
            notify(campaign, summary: nil, monitor: monitor, code: code, error: "\(error)", context: context)
            return code
        }
        monitor.end(summary).map { context.warning("metrics file: \($0)") }
        printSummary(summary, campaign: campaign, statistics: monitor.statistics.snapshot, context: context)
        let code = exitCode(summary, transport: transport, context: context)
        notify(campaign, summary: summary, monitor: monitor, code: code, error: nil, context: context)
        return code
    }

    private func exitCode(_ summary: SendSummary, transport: any MessageTransport, context: CommandContext) -> ExitCode {
        if let trip = summary.guardTrip {
            context.error("stopped by the safety guard \(trip.name): \(trip.detail). No new message was started; "
                + "the journal is consistent. What to do: \(trip.advice)")
            return .safetyStop
        }
        if summary.signal != 0 { return summary.signal == SIGINT ? .interrupted : .terminated }
        if let smtp = transport as? SMTPTransport, summary.deferredRemaining > 0 {
            if let error = smtp.lastError { context.warning("last relay error: \(error)") }
            if !smtp.everConnected { return .unavailable }
        }
        return summary.deferredRemaining > 0 ? .tempFail : .success
    }

    private func notify(
        _ campaign: Campaign, summary: SendSummary?, monitor: SendMonitor, code: ExitCode, error: String?,
        context: CommandContext
    ) {
        guard let settings = campaign.notify else { return }
        let json = RunSummaryJSON.render(
            campaignID: campaign.id, summary: summary, statistics: monitor.statistics.snapshot, exitCode: code,
            error: error.map { monitor.mask.text($0) })
        if let warning = NotifyHook.run(settings, input: json, directory: campaign.baseDirectory) {
            context.warning(warning)
        }
    }

    private func printSummary(
        _ summary: SendSummary, campaign: Campaign, statistics: RunStatistics.Snapshot, context: CommandContext
    ) {
        if summary.repairedTornTail {
            context.warning("the journal ended in a torn line (an earlier run was killed mid-write); it was cut away")
        }
        for line in RunSummaryText.lines(summary, campaignID: campaign.id, statistics: statistics) {
            context.print(line)
        }
    }
}
