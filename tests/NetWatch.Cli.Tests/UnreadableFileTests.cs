using NetWatch.Tests.Shared;

namespace NetWatch.Cli.Tests;

/// <summary>
/// A reference, policy or configuration file that cannot be read (missing, a folder, a corrupt .gz) is reported as
/// the file's problem and why, never as a problem at "line 0".
/// </summary>
public sealed class UnreadableFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private static readonly string Log = RepoFiles.Path("samples", "logs", "squid-native.log");
    private static readonly string Attribution = RepoFiles.Path("samples", "attribution");

    public static TheoryData<string> Loaders => ["policy check", "import --policy", "import --lists (no categories)",
        "import --lists (corrupt gzip)", "import --directory", "run --config"];

    [Theory]
    [MemberData(nameof(Loaders))]
    public void An_unreadable_file_is_named_with_why_and_no_line_number(string loader)
    {
        var missing = _dir.File("missing.yaml");
        var folder = Directory.CreateDirectory(_dir.File("a-folder")).FullName;
        var lists = _dir.File("lists");
        var (args, expected) = loader switch
        {
            "policy check" => (new[] { "policy", "check", folder }, $"{folder}: cannot read the policy file: "),
            "import --policy" => (["import", "--store", _dir.File("store"), "--policy", missing, Log], $"{missing}: cannot read the policy file: "),
            "import --lists (no categories)" => (["import", "--store", _dir.File("store"), "--lists", folder, Log], $"{folder}: no category folders found"),
            "import --lists (corrupt gzip)" => (["import", "--store", _dir.File("store"), "--lists", lists, Log], $"{CorruptGzipList(lists)}: cannot read the file: "),
            "import --directory" => (["import", "--store", _dir.File("store"), "--directory", missing,
                "--devices", Path.Combine(Attribution, "devices.csv"), "--leases", Path.Combine(Attribution, "dhcpd.leases"), Log], $"'{missing}' does not exist"),
            "run --config" => (["run", "--config", missing], $"'{missing}' does not exist"),
            _ => throw new ArgumentException(loader),
        };
        var r = Netwatch.Run(args);
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.Stderr}");
        Assert.Contains(expected, r.Stderr);
        Assert.DoesNotContain(":0:", r.Stderr);
        Assert.False(Directory.Exists(_dir.File("store")), "nothing is created on a configuration error");
    }

    private static string CorruptGzipList(string lists)
    {
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(lists, "adult")).FullName, "domains.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xfe, 0xfd, 0xfc, 0xfb]);
        return path;
    }

    [Fact]
    public void A_pipe_given_to_import_is_refused_with_why_and_creates_nothing()
    {
        var fifo = _dir.File("lines.fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo)!)
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }
        // The writer's open blocks until the import opens the pipe to read (as `<(zcat ...)` does); it may then fail
        // when the import closes the pipe without reading it all.
        var writer = Task.Run(() =>
        {
            try { File.WriteAllLines(fifo, File.ReadLines(Log)); } catch (IOException) { }
        });
        var r = Netwatch.Run("import", "--store", _dir.File("store"), fifo);
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.Stderr}");
        Assert.Contains($"FILE '{fifo}' is a pipe or a device, not a file", r.Stderr);
        Assert.False(Directory.Exists(_dir.File("store")), "nothing is created on a usage error");
        writer.Wait(TimeSpan.FromSeconds(30));
    }

    public void Dispose() => _dir.Dispose();
}
