using NodaTime;

namespace NetWatch.Core.Alerts;

/// <summary>A recipient of a channel (an e-mail address, a webhook URL), with a minimum severity of its own.</summary>
public sealed record Recipient(string Address, int MinSeverity = 1);

/// <summary>The channel kinds.</summary>
public static class ChannelTypes
{
    public const string Email = "email";
    public const string Webhook = "webhook";
    /// <summary>The live feed (Server-Sent Events) of the web app: always present.</summary>
    public const string Live = "live";
}

/// <summary>One configured channel: its name (e.g. email-0), type, recipients and minimum severity.</summary>
public sealed record AlertChannel(string Name, string Type, IReadOnlyList<Recipient> To, int MinSeverity = 1);

/// <summary>Escalation: an alert of severity ≥ <see cref="MinSeverity"/> not acknowledged within <see cref="After"/> of its notification goes to <see cref="To"/>.</summary>
public sealed record EscalationRule(int MinSeverity, Duration After, IReadOnlyList<string> To);

/// <summary>The whole routing: channels, the on-call contacts out of hours, escalation.</summary>
public sealed record AlertRouting(IReadOnlyList<AlertChannel> Channels, IReadOnlyList<string> OutOfHoursTo, EscalationRule? Escalation)
{
    public static readonly AlertChannel LiveFeed = new("live", ChannelTypes.Live, [new Recipient("feed")]);
}

/// <summary>One delivery to make: on which channel, to whom.</summary>
public readonly record struct Route(string Channel, string Recipient);

/// <summary>Which channel and recipient each notification goes to (pure).</summary>
public static class AlertRouter
{
    /// <summary>
    /// The routes of <paramref name="n"/>: every channel whose minimum severity it reaches; e-mail to each recipient
    /// whose minimum it reaches, and out of hours to the on-call contacts as well; an escalation by e-mail to the
    /// escalation contacts (over the first e-mail channel) and on the webhooks and the live feed as usual.
    /// </summary>
    public static IReadOnlyList<Route> Routes(AlertRouting routing, AlertNotification n, bool outOfHours)
    {
        var routes = new List<Route>();
        var escalation = n.Reason == AlertNotification.Escalation;
        var emailDone = false;
        foreach (var channel in routing.Channels.Append(AlertRouting.LiveFeed))
        {
            if (n.Severity < channel.MinSeverity) continue;
            switch (channel.Type)
            {
                case ChannelTypes.Email when escalation:
                    if (emailDone) continue;
                    emailDone = true;
                    routes.AddRange((routing.Escalation?.To ?? []).Distinct(StringComparer.OrdinalIgnoreCase).Select(to => new Route(channel.Name, to)));
                    break;
                case ChannelTypes.Email:
                    var to = channel.To.Where(r => n.Severity >= r.MinSeverity).Select(r => r.Address);
                    if (outOfHours && !emailDone) to = to.Concat(routing.OutOfHoursTo);
                    emailDone = true;
                    routes.AddRange(to.Distinct(StringComparer.OrdinalIgnoreCase).Select(a => new Route(channel.Name, a)));
                    break;
                default:
                    routes.AddRange(channel.To.Where(r => n.Severity >= r.MinSeverity).Select(r => new Route(channel.Name, r.Address)));
                    break;
            }
        }
        return routes;
    }

    /// <summary>True when an escalation of <paramref name="alert"/> is due at <paramref name="now"/>: still new (unacknowledged), severe enough, notified long enough ago.</summary>
    public static bool EscalationDue(Alert alert, EscalationRule? rule, Instant now) =>
        rule is not null && alert.Status == AlertStatus.New && alert.Severity >= rule.MinSeverity && now - alert.NotifiedAt >= rule.After;
}
