using Locksmith.Cli;

return await LocksmithCli.RunAsync(args, CliConsole.System).ConfigureAwait(false);
