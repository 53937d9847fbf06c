using NetWatch.Tests.Shared;

namespace NetWatch.Cli.Tests;

/// <summary><c>netwatch users</c> and <c>netwatch audit</c> as a technician runs them.</summary>
public sealed class UsersCommandTests
{
    private const string Password = "correct horse battery staple\n";

    [Fact]
    public void Accounts_are_added_listed_changed_given_tokens_and_every_change_is_in_the_audit_log()
    {
        using var dir = new TempDirectory();
        var store = dir.File("store");
        var add = Netwatch.RunWithInput(Password, "users", "add", "J.Smith", "--role", "dsl", "--school", "urn-100001", "--store", store, "--password-stdin");
        Assert.True(add.ExitCode == 0, add.Stderr);
        Assert.Equal(2, Netwatch.RunWithInput(Password, "users", "add", "j.smith", "--role", "slt", "--store", store, "--password-stdin").ExitCode);

        var token = Netwatch.Run("users", "token", "j.smith", "--store", store);
        Assert.Equal(0, token.ExitCode);
        Assert.Matches("^nwt_[A-Za-z0-9_-]{43}\n$", token.Stdout);
        Assert.Equal(0, Netwatch.Run("users", "set-role", "j.smith", "--role", "auditor", "--trust", "--store", store).ExitCode);
        Assert.Equal(0, Netwatch.Run("users", "disable", "j.smith", "--store", store).ExitCode);

        var list = Netwatch.Run("users", "list", "--store", store);
        Assert.Contains("j.smith\tauditor\t(trust)\tdisabled\t1", list.Stdout);
        var tokens = Netwatch.Run("users", "token", "j.smith", "--list", "--store", store);
        var id = tokens.Stdout.Split('\t')[0];
        Assert.Equal(0, Netwatch.Run("users", "token", "j.smith", "--revoke", id, "--store", store).ExitCode);
        Assert.Contains("\t0", Netwatch.Run("users", "list", "--store", store).Stdout);

        var audit = Netwatch.Run("audit", "--store", store);
        Assert.True(audit.ExitCode == 0, audit.Stderr);
        var actions = audit.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split('\t')[3]).ToList();
        Assert.Equal(["users.add", "users.token", "users.set-role", "users.disable", "users.token-revoke"], actions);
        Assert.Contains("the log is as appended", audit.Stderr);
        Assert.Contains("\taudit.read\t", Netwatch.Run("audit", "--store", store).Stdout); // the first read is itself recorded
    }

    [Fact]
    public async Task The_list_says_which_accounts_sign_in_through_the_schools_provider()
    {
        using var dir = new TempDirectory();
        var store = dir.File("store");
        Assert.Equal(0, Netwatch.RunWithInput(Password, "users", "add", "ict", "--role", "ict-admin", "--store", store, "--password-stdin").ExitCode);
        // An account made by an OpenID Connect sign-in (as Api/Auth/Oidc/OidcSignIn makes it: no password, bound to issuer#subject).
        using (var opened = NetWatch.Storage.DuckDbStore.Open(store))
            Assert.True(await opened.Accounts.AddAsync(new NetWatch.Storage.Contracts.Accounts.Account
            {
                Name = "dsl@school.example", Role = NetWatch.Storage.Contracts.Accounts.AccountRole.Dsl, School = "100001", PasswordHash = "",
                CreatedAt = NodaTime.SystemClock.Instance.GetCurrentInstant(), ExternalId = "https://login.microsoftonline.com/tenant/v2.0#Xy12_subject",
            }, default));
        var lines = Netwatch.Run("users", "list", "--store", store).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("name\trole\tschool\tstate\ttokens\tsign-in", lines[0]);
        Assert.Contains("dsl@school.example\tdsl\t100001\tactive\t0\toidc https://login.microsoftonline.com/tenant/v2.0", lines);
        Assert.Contains("ict\tict-admin\t(trust)\tactive\t0\tpassword", lines);
    }

    [Theory]
    [InlineData("short\n", "at least 12 characters")]
    [InlineData("", "standard input is empty")]
    public void A_weak_or_missing_password_adds_nobody(string stdin, string message)
    {
        using var dir = new TempDirectory();
        var store = dir.File("store");
        var add = Netwatch.RunWithInput(stdin, "users", "add", "amir", "--role", "slt", "--store", store, "--password-stdin");
        Assert.Equal(2, add.ExitCode);
        Assert.Contains(message, add.Stderr);
        Assert.DoesNotContain("amir", Netwatch.Run("users", "list", "--store", store).Stdout);
    }

    [Fact]
    public void Without_a_terminal_or_password_stdin_no_account_is_made()
    {
        using var dir = new TempDirectory();
        var add = Netwatch.RunWithInput("", "users", "add", "amir", "--role", "slt", "--store", dir.File("store"));
        Assert.Equal(2, add.ExitCode);
        Assert.Contains("--password-stdin", add.Stderr);
    }

    [Fact]
    public void An_unknown_role_is_a_usage_error_naming_the_roles()
    {
        using var dir = new TempDirectory();
        var add = Netwatch.RunWithInput(Password, "users", "add", "amir", "--role", "head", "--store", dir.File("store"), "--password-stdin");
        Assert.Equal(2, add.ExitCode);
        Assert.Contains("dsl, deputy-dsl, slt, auditor, ict-admin", add.Stderr);
    }
}
