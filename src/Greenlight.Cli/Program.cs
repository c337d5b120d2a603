using Greenlight.Cli;

return await GreenlightCli.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
