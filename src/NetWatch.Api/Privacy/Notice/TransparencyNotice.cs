using NetWatch.Api.Access;
using NetWatch.Core.Ecs;
using NetWatch.Core.Policy;
using NetWatch.Core.Policy.Retention;
using NetWatch.Storage.Contracts.Accounts;

namespace NetWatch.Api.Privacy.Notice;

/// <summary>
/// The staff notice seed 000 §7.3.2 requires ("employees will also be notified of what information will be recorded and
/// retained, and for how long, and who will have access to the information"), made from the running configuration:
/// what is recorded (the sources and the catalogue's fields), why (the policy's rules and their clauses), how long (the
/// retention periods), who can see it (the access matrix's roles and how many accounts each has), and how to ask for
/// one's own data.
/// </summary>
public static class TransparencyNotice
{
    /// <summary>The notice; <paramref name="accounts"/> null when they could not be read (the counts then say so).</summary>
    public static NoticeDocument Build(NoticeFacts facts, IReadOnlyList<Account>? accounts)
    {
        var blocks = new List<NoticeBlock>();
        var school = facts.School ?? facts.Policy?.Title ?? "this school";
        blocks.Add(new NoticeParagraph($"{school} records how its network and internet connection are used, with NetWatch. This notice says what is "
            + "recorded, why, how long it is kept, who can see it, and how to ask for what is held about you. It is made from the system's running "
            + "configuration, so it says what the system does."));

        blocks.Add(new NoticeHeading("What is recorded"));
        blocks.Add(new NoticeParagraph("Every request your device makes through the school's network equipment, as its logs record it:"));
        blocks.Add(new NoticeTable("Where the records come from", ["source", "kind", "log format"],
            [.. facts.Sources.Select(s => (IReadOnlyList<string>)[s.Name, s.Type, s.Format ?? "detected from the log"])]));
        blocks.Add(new NoticeParagraph(facts.AttributionFeeds.Count == 0
            ? "Records are not attributed to people beyond the login the proxy itself records."
            : $"Each record is attributed to a person from {string.Join(", ", facts.AttributionFeeds)}: the login, else who held the device's address at that moment, else the device's owner."));
        blocks.Add(new NoticeParagraph(facts.Classified
            ? "Web addresses are classified by site category, search words are read from search addresses, and searches and pages are checked against safeguarding phrases"
              + (facts.SemanticSafeguarding ? ", with a language model that runs on the school's own server and sends nothing elsewhere." : ".")
            : "Web addresses are not classified."));
        blocks.Add(new NoticeTable("The information kept about each request", ["what", "in words", "fields"],
            [.. NoticeFieldGroups.Of(EcsFieldCatalog.Fields).Select(g => (IReadOnlyList<string>)[g.Title, g.What, string.Join(", ", g.Fields)])]));

        blocks.Add(new NoticeHeading("Why"));
        if (facts.Policy is { } policy)
        {
            blocks.Add(new NoticeParagraph($"To apply the acceptable-use policy \"{policy.Title ?? policy.Name}\"{(policy.Source is null ? "" : $" ({policy.Source})")} "
                + "and to keep pupils safe. Each request is judged by the first of these rules that applies, each citing the clause of the written policy it implements "
                + $"(times are {policy.TimeZone.Id} school time):"));
            blocks.Add(new NoticeTable("The policy's rules", ["rule", "outcome", "clause"],
                [.. policy.Rules.Select(r => (IReadOnlyList<string>)[r.Id, Outcome(r.Verdict), r.Clause])]));
            var limits = new List<string>();
            if (policy.Thresholds.PersonalWorkingHoursMinutesPerDay is { } d) limits.Add($"personal use in working hours above {d.Minutes} minutes a day is flagged (clause {d.Clause})");
            if (policy.Thresholds.ExcessivePersonalMinutesPerWeek is { } w) limits.Add($"personal use above {w.Minutes} minutes a week is flagged (clause {w.Clause})");
            if (limits.Count > 0) blocks.Add(new NoticeList(limits));
        }
        else blocks.Add(new NoticeParagraph("No acceptable-use policy is configured: requests are recorded but not judged."));

        blocks.Add(new NoticeHeading("How long it is kept"));
        blocks.Add(new NoticeTable("Retention periods", ["record", "kept for", "set by"],
            [.. facts.Retention.Select(r => (IReadOnlyList<string>)[RetentionKinds.Describe(r.Kind), r.Period ?? "until a period is set", r.Source])]));
        blocks.Add(new NoticeParagraph("Older records are deleted every day. The log of who looked at records (the audit log) is kept and never edited."));

        blocks.Add(new NoticeHeading("Who can see it"));
        blocks.Add(new NoticeParagraph("Only these roles, each through an account of its own; every look at a person's records is recorded (who, when, why, how many records):"));
        var active = accounts?.Where(a => !a.Disabled).ToList();
        blocks.Add(new NoticeTable("Roles and what they see", ["role", "sees", "accounts"],
            [.. AccountRoles.All.Select(role => (IReadOnlyList<string>)[AccountRoles.Name(role), Sees(role), active is null ? "not counted" : active.Count(a => a.Role == role).ToString(System.Globalization.CultureInfo.InvariantCulture)])]));

        blocks.Add(new NoticeHeading("Your own data"));
        blocks.Add(new NoticeParagraph($"You may ask for a copy of everything held about you (a subject access request, UK GDPR Article 15): ask {facts.Contact}. "
            + "You receive every record attributed to you, the time spent on sites, any findings and alerts, and the list of who looked at your records and why. "
            + "You may also make representations about the monitoring (clause 7.3.2 of the staff policy)."));

        return new NoticeDocument($"How {school} monitors network use", blocks);
    }

    private static string Outcome(string verdict) => verdict switch
    {
        Verdicts.Work => "work",
        Verdicts.PersonalBreak => "personal use, allowed",
        Verdicts.PersonalWorkingHours => "personal use in working hours, flagged",
        Verdicts.Prohibited => "prohibited",
        Verdicts.Safeguarding => "passed to the Designated Safeguarding Lead",
        _ => verdict,
    };

    /// <summary>What a role sees, in words, from the access matrix's capabilities.</summary>
    public static string Sees(AccountRole role)
    {
        var parts = new List<string>();
        foreach (var (capability, roles) in AccessMatrix.Roles)
        {
            if (!roles.Contains(role)) continue;
            var words = capability switch
            {
                AccessMatrix.Events => "records of requests, with names",
                AccessMatrix.Safeguarding => "time on sites and findings, with names",
                AccessMatrix.Aggregates => AccessMatrix.Pseudonymised(role) ? "counts and dashboards, people under pseudonyms" : "counts and dashboards",
                AccessMatrix.Reveal => "the name behind a pseudonym, giving a reason that is recorded",
                AccessMatrix.Audit => "the audit log",
                AccessMatrix.Operations => "sources and unreadable log lines",
                AccessMatrix.Accounts => "accounts",
                AccessMatrix.SubjectAccess => "subject-access exports",
                _ => null,
            };
            if (words is not null) parts.Add(words);
        }
        if (AccessMatrix.NeedsPurpose(role)) parts.Add("each search for a stated purpose");
        if (!new[] { AccessMatrix.Events, AccessMatrix.Safeguarding, AccessMatrix.Reveal }.Any(c => AccessMatrix.Allows(c, role))) parts.Add("nobody's browsing by name");
        return string.Join("; ", parts);
    }
}
