namespace NetWatch.Storage.Contracts.Aggregates;

/// <summary>What aggregates group by besides time. <see cref="Category"/> counts an event once per category it has.</summary>
public enum AggregateDimension
{
    None,
    /// <summary>The first of user.roles.</summary>
    Role,
    /// <summary>user.group.name (department, form).</summary>
    Group,
    Category,
    Verdict,
    RegisteredDomain,
    /// <summary>user.name: only for roles that may see people (the API pseudonymises for others).</summary>
    Person,
    Action,
    SafeguardingTheme,
    School,
    /// <summary>event.dataset (squid.access, e2guardian.log, ...): which kind of log the events came from.</summary>
    Dataset,
    /// <summary>The person's role: the last of user.roles (staff, pupil; a working pattern, when there is one, comes
    /// first and is <see cref="Role"/>). Visits count under their person's role.</summary>
    PersonRole,
    /// <summary>What the event is (NetWatch.Core.Events.EventKinds): page-view, dns-look-up, firewall-session, finding.</summary>
    Kind,
}
