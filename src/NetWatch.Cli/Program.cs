using NetWatch.Cli;

return await CliRunner.RunAsync(CliApp.CreateRoot(), args);
