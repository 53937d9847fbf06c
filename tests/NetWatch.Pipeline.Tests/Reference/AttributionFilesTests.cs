using NetWatch.Core.Identity;
using NetWatch.Pipeline.Reference;
using NetWatch.Tests.Shared;

namespace NetWatch.Pipeline.Tests.Reference;

/// <summary>The loaders read the sample files, detect each feed's format, and refuse bad files naming file, line and problem.</summary>
public sealed class AttributionFilesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private static string Sample(string name) => RepoFiles.Path("samples", "attribution", name);

    private string Write(string name, string text)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Loads_every_sample_into_one_index()
    {
        var index = AttributionFiles.LoadIndex(Sample("directory.csv"), Sample("devices.csv"),
            new[] { "dhcpd.leases", "dhcpd-syslog.log", "DhcpSrvLog-Sun.log", "radacct-detail-20261122", "logons-nxlog.json" }.Select(Sample));
        Assert.Equal(12, index.Directory.People.Count);
        Assert.Equal(18, index.Devices.Devices.Count);
        Assert.Empty(index.Warnings);
        Assert.True(IpKey.TryParse("127.0.10.50", out var pc));
        // NXLog names the computer only: its address comes from the registry.
        Assert.True(index.Users.TryFind(pc, NodaTime.Instant.FromUnixTimeSeconds(1795386299), out var logon));
        Assert.Equal("y7.ahmed", logon.Holder);
        Assert.True(IpKey.TryParse("127.0.10.88", out var rogue));
        Assert.Single(index.Hardware.HoldingsOf(rogue));
    }

    [Fact]
    public void Syslog_without_a_year_takes_the_files_year()
    {
        var path = Write("messages", "Nov 22 22:01:02 dhcp1 dhcpd[812]: DHCPACK on 10.0.0.5 to 00:11:22:33:44:55 via eth1\n");
        File.SetLastWriteTimeUtc(path, new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc));
        var lease = Assert.Single(AttributionFiles.LoadLeases(path));
        Assert.Equal(NodaTime.Instant.FromUtc(2025, 11, 22, 22, 1, 2), lease.At);
    }

    [Fact]
    public void A_bad_directory_names_file_line_and_problem()
    {
        var path = Write("people.csv", "username,role\nj.smith,staff\na.patel,teacher\n");
        var ex = Assert.Throws<AttributionFilesException>(() => AttributionFiles.LoadDirectory(path));
        Assert.Equal($"{path}:3: role 'teacher' is not one of staff, pupil, visitor, contractor", ex.Message);
    }

    [Fact]
    public void A_bad_device_registry_lists_every_problem()
    {
        var path = Write("devices.csv", "ip,name,owner,kind\n127.0.10.11,laptop,,assigned\n127.0.10.300,pc,,shared\n");
        var ex = Assert.Throws<AttributionFilesException>(() => AttributionFiles.LoadDevices(path));
        Assert.Equal([2L, 3L], ex.Errors.Select(e => e.Line));
        Assert.Contains($"{path}:2: assigned device 'laptop' has no owner", ex.Message);
        Assert.Contains($"{path}:3: '127.0.10.300' is not an IP address", ex.Message);
    }

    [Fact]
    public void Bad_lease_files_are_all_reported_together()
    {
        var leases = Write("dhcpd.leases", "lease 10.0.0.5 {\n  starts 0 2026/11/22 22:00:00;\n  ends soon;\n  hardware ethernet 00:11:22:33:44:55;\n}\n");
        var unknown = Write("notes.txt", "hello\n");
        var ex = Assert.Throws<AttributionFilesException>(() => AttributionFiles.LoadIndex(null, null, [leases, unknown]));
        Assert.Equal(2, ex.Errors.Count);
        Assert.Equal((leases, 3L), (ex.Errors[0].Source, ex.Errors[0].Line));
        Assert.Contains("time 'soon'", ex.Errors[0].Problem);
        Assert.Equal(unknown, ex.Errors[1].Source);
        Assert.Contains("format not recognised", ex.Errors[1].Problem);
    }

    [Fact]
    public void A_missing_file_is_a_reference_error()
    {
        var ex = Assert.Throws<AttributionFilesException>(() => AttributionFiles.LoadDirectory(_dir.File("nope.csv")));
        Assert.Contains("nope.csv: cannot read the file", ex.Message);
    }

    public void Dispose() => _dir.Dispose();
}
