using System.Diagnostics;
using System.Net;
using System.Runtime.Versioning;
using System.Text;
using System.Text.RegularExpressions;
using HappyTogether.Entry.Inbound;
using HappyTogether.Functions;
using Microsoft.Azure.Functions.Worker;

namespace HappyTogether.Tests.Domain;

/// <summary>
/// The azd hooks and scripts/verify-deployment.sh. Azure is not reachable from the tests, so `azd`, `az` and (for the
/// post-deploy hook) `curl` are small stubs on PATH that record what they were asked; the scripts themselves run for
/// real, under `sh` as azd runs them.
/// </summary>
[UnsupportedOSPlatform("windows")] // the scripts are POSIX shell
public sealed class InfraScriptsTests : IDisposable
{
    private static readonly string Root = InfraTests.Root;
    private static readonly string AzdDir = Path.Combine(Root, "scripts", "azd");
    private static readonly string Verify = Path.Combine(Root, "scripts", "verify-deployment.sh");
    private readonly string stub = Directory.CreateTempSubdirectory("ht-infra-stub-").FullName;

    public InfraScriptsTests()
    {
        Directory.CreateDirectory(Path.Combine(stub, "bin"));
        Directory.CreateDirectory(Path.Combine(stub, "secrets"));
        // azd: env get-value / env set over a KEY=VALUE file.
        Tool("azd", """
            #!/bin/sh
            f="$STUB_DIR/env"; touch "$f"
            case "$1 $2" in
              "env get-value") v=$(grep "^$3=" "$f" | tail -n 1 | cut -d= -f2-); [ -n "$v" ] || exit 1; printf '%s\n' "$v" ;;
              "env set") grep -v "^$3=" "$f" > "$f.tmp" || true; printf '%s=%s\n' "$3" "$4" >> "$f.tmp"; mv "$f.tmp" "$f" ;;
              *) echo "stub azd: $*" >&2; exit 2 ;;
            esac
            """);
        // az: one vault (live when $STUB_DIR/live exists), secrets as files, ARM reads answered from files.
        Tool("az", """
            #!/bin/sh
            echo "az $*" >> "$STUB_DIR/az.log"
            name=""; url=""; prev=""
            for a in "$@"; do [ "$prev" = "--name" ] && name=$a; [ "$prev" = "--url" ] && url=$a; prev=$a; done
            case "$1 $2" in
              "resource list") [ -f "$STUB_DIR/live" ] && echo kv-test; exit 0 ;;
              "keyvault show") [ -f "$STUB_DIR/live" ]; exit $? ;;
              "keyvault show-deleted") [ -f "$STUB_DIR/deleted" ]; exit $? ;;
              "keyvault list-deleted") [ -f "$STUB_DIR/deleted" ] && echo kv-test; exit 0 ;;
              "keyvault secret")
                [ -f "$STUB_DIR/forbidden" ] && { echo "(Forbidden) Caller is not authorized" >&2; exit 1; }
                [ -f "$STUB_DIR/secrets/$name" ] && { cat "$STUB_DIR/secrets/$name"; exit 0; }
                echo "(SecretNotFound) A secret with (name/id) $name was not found" >&2; exit 1 ;;
              "rest --method")
                case "$url" in
                  */restart*) echo restarted >> "$STUB_DIR/restarts"; exit 0 ;;
                  */configreferences/*)
                    # Answers from refs.1, refs.2, ... in turn, the last one from then on.
                    n=$(cat "$STUB_DIR/refs.n" 2>/dev/null || echo 1)
                    [ -f "$STUB_DIR/refs.$n" ] || n=$((n - 1))
                    cat "$STUB_DIR/refs.$n"; echo $((n + 1)) > "$STUB_DIR/refs.n"; exit 0 ;;
                  */host/status*) cat "$STUB_DIR/host"; exit 0 ;;
                  */functions*) cat "$STUB_DIR/functions"; exit 0 ;;
                esac ;;
            esac
            echo "stub az: $*" >&2; exit 2
            """);
    }

    public void Dispose() => Directory.Delete(stub, recursive: true);

    private void Tool(string name, string script)
    {
        var path = Path.Combine(stub, "bin", name);
        File.WriteAllText(path, script.Replace("\r\n", "\n") + "\n");
        File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
    }

    private void Stub(string file, string content) => File.WriteAllText(Path.Combine(stub, file), content);

    private string Env => File.Exists(Path.Combine(stub, "env")) ? File.ReadAllText(Path.Combine(stub, "env")) : "";

    /// <summary>Runs a script with only the stubs, the system tools and the given variables in its environment.</summary>
    private (int Exit, string Output) Run(string shell, string script, IDictionary<string, string>? env = null)
    {
        var start = new ProcessStartInfo(shell) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        start.ArgumentList.Add(script);
        start.Environment.Clear();
        start.Environment["PATH"] = $"{Path.Combine(stub, "bin")}:/usr/local/bin:/usr/bin:/bin";
        start.Environment["HOME"] = stub;
        start.Environment["STUB_DIR"] = stub;
        foreach (var (key, value) in env ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), $"{script} did not finish");
        return (process.ExitCode, output.Result + error.Result);
    }

    private static Dictionary<string, string> Azd(params (string Key, string Value)[] extra)
    {
        var env = new Dictionary<string, string> { ["AZURE_ENV_NAME"] = "test", ["AZURE_SUBSCRIPTION_ID"] = "sub", ["ALERT_EMAIL"] = "ops@example.org" };
        foreach (var (key, value) in extra) env[key] = value;
        return env;
    }

    private static IEnumerable<string> Scripts() =>
        Directory.GetFiles(AzdDir, "*.sh").Append(Verify);

    [Fact]
    public void Azure_yaml_runs_each_hook_from_an_existing_executable_posix_script()
    {
        var yaml = File.ReadAllText(Path.Combine(Root, "azure.yaml"));
        var hooks = Regex.Matches(yaml, @"^  (\w+):\n    posix:\n      shell: (\w+)\n      run: (\S+)$", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => (Shell: m.Groups[2].Value, Run: m.Groups[3].Value));
        Assert.Equal(["postdeploy", "postprovision", "preprovision"], hooks.Keys.Order());
        foreach (var (hook, (shell, run)) in hooks)
        {
            Assert.Equal("sh", shell);
            var path = Path.GetFullPath(Path.Combine(Root, run));
            Assert.True(File.Exists(path), $"{hook} runs {run}, which does not exist");
            Assert.True(File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute), $"{run} is not executable");
            Assert.StartsWith("#!/bin/sh\n", File.ReadAllText(path));
        }
    }

    [Fact]
    public void The_scripts_parse_and_pass_shellcheck_when_it_is_installed()
    {
        foreach (var script in Scripts())
        {
            var posix = script.StartsWith(AzdDir, StringComparison.Ordinal);
            // azd runs the hooks with sh; bash must read them too (and the verify script is bash).
            if (posix) RunSyntax("sh", script);
            RunSyntax("bash", script);
        }
        var shellcheck = new[] { "/usr/bin/shellcheck", "/usr/local/bin/shellcheck" }.FirstOrDefault(File.Exists);
        if (shellcheck is null) return; // apt-get install shellcheck to run this part
        foreach (var script in Scripts())
        {
            var start = new ProcessStartInfo(shellcheck) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
            foreach (var arg in new[] { "-x", script }) start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"shellcheck {script}:\n{output}");
        }
    }

    private static void RunSyntax(string shell, string script)
    {
        var start = new ProcessStartInfo(shell) { RedirectStandardError = true };
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{shell} -n {script}: {error}");
    }

    [Fact]
    public void Preprovision_generates_keys_once_then_keeps_the_vault_s_and_never_silently_replaces_them()
    {
        var pre = Path.Combine(AzdDir, "preprovision.sh");

        // A first deployment: no vault, so both keys are generated (64 hex characters).
        var (exit, output) = Run("sh", pre, Azd());
        Assert.Equal(0, exit);
        Assert.Matches("NUMBER_HASH_KEY=[0-9a-f]{64}\n", Env);
        Assert.Matches("LINK_SIGNING_KEY=[0-9a-f]{64}\n", Env);
        var generated = Regex.Match(Env, "NUMBER_HASH_KEY=([0-9a-f]{64})").Groups[1].Value;
        Assert.DoesNotContain(generated, output);

        // A fresh clone (no keys in azd) of an environment whose vault has them: the vault's are copied, not replaced.
        File.Delete(Path.Combine(stub, "env"));
        Stub("live", "");
        Stub("secrets/number-hash-key", new string('a', 64));
        Stub("secrets/link-signing-key", new string('b', 64));
        (exit, output) = Run("sh", pre, Azd());
        Assert.Equal(0, exit);
        Assert.Contains($"NUMBER_HASH_KEY={new string('a', 64)}\n", Env);
        Assert.Contains($"LINK_SIGNING_KEY={new string('b', 64)}\n", Env);
        Assert.DoesNotContain(new string('a', 64), output);

        // The same keys again: nothing changes.
        var before = Env;
        (exit, _) = Run("sh", pre, Azd());
        Assert.Equal(0, exit);
        Assert.Equal(before, Env);

        // A different key in azd than in the vault: stop, say why and how, change nothing.
        File.WriteAllText(Path.Combine(stub, "env"), $"NUMBER_HASH_KEY={new string('c', 64)}\n");
        (exit, output) = Run("sh", pre, Azd());
        Assert.Equal(1, exit);
        Assert.Contains("forgotten", output);
        Assert.Contains("HAPPYTOGETHER_REPLACE_NUMBER_HASH_KEY", output);
        Assert.DoesNotContain(new string('c', 64), output);
        Assert.DoesNotContain(new string('a', 64), output);
        Assert.Equal($"NUMBER_HASH_KEY={new string('c', 64)}\n", Env);

        // Replacing it on purpose works once; the flag is cleared.
        File.AppendAllText(Path.Combine(stub, "env"), "HAPPYTOGETHER_REPLACE_NUMBER_HASH_KEY=true\n");
        (exit, output) = Run("sh", pre, Azd());
        Assert.Equal(0, exit);
        Assert.Contains("WARNING", output);
        Assert.Contains("HAPPYTOGETHER_REPLACE_NUMBER_HASH_KEY=false\n", Env);
        Assert.Equal(1, Run("sh", pre, Azd()).Exit);
    }

    [Fact]
    public void Preprovision_stops_rather_than_guess_when_the_vault_cannot_be_read_or_is_deleted()
    {
        var pre = Path.Combine(AzdDir, "preprovision.sh");
        Stub("live", "");
        Stub("forbidden", "");
        var (exit, output) = Run("sh", pre, Azd());
        Assert.Equal(1, exit);
        Assert.Contains("Key Vault Secrets User", output);
        Assert.DoesNotContain("NUMBER_HASH_KEY=", Env);

        File.Delete(Path.Combine(stub, "live"));
        File.Delete(Path.Combine(stub, "forbidden"));
        Stub("deleted", "");
        (exit, output) = Run("sh", pre, Azd());
        Assert.Equal(1, exit);
        Assert.Contains("az keyvault recover", output);
        Assert.DoesNotContain("NUMBER_HASH_KEY=", Env);

        File.Delete(Path.Combine(stub, "deleted"));
        var env = Azd();
        env.Remove("ALERT_EMAIL");
        (exit, output) = Run("sh", pre, env);
        Assert.Equal(1, exit);
        Assert.Contains("azd env set ALERT_EMAIL", output);
    }

    [Fact]
    public void Postprovision_waits_for_every_key_vault_reference_then_restarts_the_app()
    {
        var post = Path.Combine(AzdDir, "postprovision.sh");
        var env = Azd(("AZURE_RESOURCE_GROUP", "rg-test"), ("FUNCTION_APP_NAME", "func-test"), ("FUNCTION_APP_URL", "https://func-test.azurewebsites.net"),
            ("HAPPYTOGETHER_KV_POLL_SECONDS", "0"));
        Stub("refs.1", "NumberHashKey\tInitialized\t\nTwilioAuthToken\tAccessToKeyVaultDenied\tKey Vault reference was not able to be resolved\n");
        Stub("refs.2", "NumberHashKey\tResolved\tok\nTwilioAuthToken\tResolved\tok\n");
        var (exit, output) = Run("sh", post, env);
        Assert.Equal(0, exit);
        Assert.Contains("Waiting for Key Vault references", output);
        Assert.Matches(@"TwilioAuthToken\s+Resolved", output);
        Assert.True(File.Exists(Path.Combine(stub, "restarts")));

        // Never resolving: a bounded wait, then a clear failure naming the setting.
        File.Delete(Path.Combine(stub, "refs.2"));
        File.Delete(Path.Combine(stub, "refs.n"));
        env["HAPPYTOGETHER_KV_WAIT_SECONDS"] = "0";
        (exit, output) = Run("sh", post, env);
        Assert.Equal(1, exit);
        Assert.Matches(@"TwilioAuthToken\s+AccessToKeyVaultDenied", output);

        // The real host name with the care link past the app's limit is refused before anything waits.
        env["CARE_RESOURCE_URL"] = "https://example.org/" + new string('x', 60);
        Assert.Contains("107", Run("sh", post, env).Output);
    }

    [Fact]
    public void Postdeploy_prints_the_webhooks_and_sets_them_only_when_asked_with_credentials_off_the_command_line()
    {
        var deploy = Path.Combine(AzdDir, "postdeploy.sh");
        // curl: records its arguments and what came on stdin; answers a number lookup.
        Tool("curl", """
            #!/bin/sh
            echo "ARGS $*" >> "$STUB_DIR/curl.log"
            cat | sed 's/^/STDIN /' >> "$STUB_DIR/curl.log"
            case "$*" in *IncomingPhoneNumbers.json*) echo '{"incoming_phone_numbers": [{"sid": "PN0123456789abcdef0123456789abcdef"}]}' ;; esac
            """);
        var token = "tok" + new string('9', 29);
        var env = Azd(("SMS_WEBHOOK_URL", "https://func-test.azurewebsites.net/api/sms"), ("SMS_STATUS_CALLBACK_URL", "https://func-test.azurewebsites.net/api/sms/status"),
            ("TWILIO_ACCOUNT_SID", "AC0123"), ("TWILIO_AUTH_TOKEN", token), ("TWILIO_FROM_NUMBER", "+13125550100"));
        var (exit, output) = Run("sh", deploy, env);
        Assert.Equal(0, exit);
        Assert.Contains("https://func-test.azurewebsites.net/api/sms#rc=3&rp=ct,rt,5xx", output);
        Assert.Contains("https://func-test.azurewebsites.net/api/sms/status", output);
        Assert.False(File.Exists(Path.Combine(stub, "curl.log")));

        env["TWILIO_SET_WEBHOOKS"] = "true";
        (exit, output) = Run("sh", deploy, env);
        Assert.Equal(0, exit);
        var log = File.ReadAllText(Path.Combine(stub, "curl.log"));
        Assert.Contains("IncomingPhoneNumbers/PN0123456789abcdef0123456789abcdef.json", log);
        Assert.Contains("SmsUrl=https://func-test.azurewebsites.net/api/sms#rc=3&rp=ct,rt,5xx", log);
        Assert.DoesNotContain(token, string.Join("\n", log.Split('\n').Where(l => l.StartsWith("ARGS", StringComparison.Ordinal))));
        Assert.Contains($"STDIN user = \"AC0123:{token}\"", log);
        Assert.DoesNotContain(token, output);
    }

    [Fact]
    public async Task Verify_deployment_signs_a_request_the_app_accepts_and_fails_on_anything_unhealthy()
    {
        const string token = "0123456789abcdef0123456789abcdef";
        using var listener = new HttpListener();
        var port = Random.Shared.Next(20000, 60000);
        var baseUrl = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add(baseUrl + "/");
        listener.Start();
        var healthy = true;
        var signed = 0;
        // Plays the app: the status callback checks X-Twilio-Signature with the app's own signing code.
        var serving = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
                var path = context.Request.Url!.AbsolutePath;
                if (path == "/api/health") context.Response.StatusCode = healthy ? 200 : 503;
                else if (path == "/api/sms/status" && context.Request.HttpMethod == "POST")
                {
                    using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                    var form = (await reader.ReadToEndAsync()).Split('&').Select(p => p.Split('=', 2))
                        .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p[1]));
                    var valid = context.Request.Headers["X-Twilio-Signature"] == WebhookSignature.Sign(baseUrl + "/api/sms/status", form, token);
                    if (valid) Interlocked.Increment(ref signed);
                    context.Response.StatusCode = valid ? 204 : 403;
                }
                else context.Response.StatusCode = 404;
                context.Response.Close();
            }
        });

        var functions = typeof(SchedulerTimer).Assembly.GetTypes().SelectMany(t => t.GetMethods())
            .Select(m => m.GetCustomAttributes(typeof(FunctionAttribute), false).OfType<FunctionAttribute>().SingleOrDefault()?.Name).OfType<string>().ToList();
        Stub("host", "Running\n4.1040.100.0\n");
        Stub("functions", string.Concat(functions.Select(f => $"func-test/{f}\n")));
        Stub("refs.1", "LinkSigningKey\tResolved\nNumberHashKey\tResolved\nTwilioAuthToken\tResolved\n");
        Stub("secrets/twilio-auth-token", token);
        var env = new Dictionary<string, string>
        {
            ["AZURE_SUBSCRIPTION_ID"] = "sub",
            ["AZURE_RESOURCE_GROUP"] = "rg-test",
            ["FUNCTION_APP_NAME"] = "func-test",
            ["FUNCTION_APP_URL"] = baseUrl,
            ["AZURE_KEY_VAULT_NAME"] = "kv-test",
            ["TWILIO_ACCOUNT_SID"] = "AC0123",
        };
        try
        {
            var (exit, output) = Run("bash", Verify, env);
            Assert.True(exit == 0, output);
            Assert.Equal(1, signed);
            foreach (var check in new[] { "Host status", "Functions", "Key Vault references", "Signed webhook request", "Unsigned webhook refused", "GET /api/health" })
                Assert.Matches($@"(?m)^{Regex.Escape(check)}\s+PASS", output);
            Assert.DoesNotContain(token, output);

            // Unresolved reference, a function the host does not list, an unhealthy app: each a FAIL row, exit 1.
            Stub("refs.1", "NumberHashKey\tResolved\nTwilioAuthToken\tAccessToKeyVaultDenied\n");
            File.Delete(Path.Combine(stub, "refs.n"));
            Stub("functions", string.Concat(functions.Skip(1).Select(f => $"func-test/{f}\n")));
            healthy = false;
            (exit, output) = Run("bash", Verify, env);
            Assert.Equal(1, exit);
            Assert.Matches(@"(?m)^Key Vault references\s+FAIL\s+unresolved: TwilioAuthToken\(AccessToKeyVaultDenied\)", output);
            Assert.Matches($@"(?m)^Functions\s+FAIL\s+missing: {Regex.Escape(functions[0])};", output);
            Assert.Matches(@"(?m)^GET /api/health\s+FAIL", output);
            Assert.Contains("3 check(s) failed.", output);
        }
        finally
        {
            listener.Stop();
            await serving.WaitAsync(TimeSpan.FromSeconds(5));
        }
    }
}
