using NodaTime;

namespace NetWatch.Core.Parsing.E2Guardian;

/// <summary>
/// The fields of one e2guardian log line, as spans into the line, whatever the log format. The order of
/// e2guardian's 19-field list (formats 1, 2 and 4; from FatController.cpp at v5.3.5) is:
/// <c>date+time user ip url what method size weight category group code mime clienthost groupname useragent
/// params logid1 logid2 postdata</c>.
/// </summary>
internal ref struct E2GuardianRecord
{
    public const int ListFieldCount = 19;

    public Instant Timestamp;
    public long? DurationMs;
    public ReadOnlySpan<char> User;
    public ReadOnlySpan<char> Ip;
    public ReadOnlySpan<char> Url;
    /// <summary>"-", or <c>*FLAG* reason</c>, e.g. <c>*DENIED* Blocked site: tiktok.com</c>.</summary>
    public ReadOnlySpan<char> What;
    public ReadOnlySpan<char> Method;
    public ReadOnlySpan<char> Size;
    public ReadOnlySpan<char> Weight;
    public ReadOnlySpan<char> Category;
    public ReadOnlySpan<char> Group;
    public ReadOnlySpan<char> Code;
    public ReadOnlySpan<char> Mime;
    public ReadOnlySpan<char> ClientHost;
    public ReadOnlySpan<char> GroupName;
    public ReadOnlySpan<char> UserAgent;
    public ReadOnlySpan<char> MessageNumber;

    /// <summary>Fills the fields from the 19-field list (fields 2..19; the date+time field is parsed by the caller).</summary>
    public static E2GuardianRecord FromList(ReadOnlySpan<char> line, ReadOnlySpan<Range> fields) => new()
    {
        User = line[fields[1]],
        Ip = line[fields[2]],
        Url = line[fields[3]],
        What = line[fields[4]],
        Method = line[fields[5]],
        Size = line[fields[6]],
        Weight = line[fields[7]],
        Category = line[fields[8]],
        Group = line[fields[9]],
        Code = line[fields[10]],
        Mime = line[fields[11]],
        ClientHost = line[fields[12]],
        GroupName = line[fields[13]],
        UserAgent = line[fields[14]],
    };
}
