namespace NetWatch.Core.Alerts;

/// <summary>
/// Whom an alert is about: the attributed person (with role and group), or, when nobody is attributed, the device
/// and its address. <see cref="Key"/> is the part of the group key that names the subject.
/// </summary>
public sealed record AlertSubject
{
    public string? Person { get; init; }
    public string? Role { get; init; }
    public string? Group { get; init; }
    public string? Device { get; init; }
    public string? Ip { get; init; }

    public string Key => Person is { } p ? "person:" + p : $"device:{Device}@{Ip}";

    /// <summary>For people reading: the person's name, or the device and address.</summary>
    public string Display => Person ?? (Device is { } d ? $"{d} ({Ip})" : Ip ?? "(unknown device)");
}
