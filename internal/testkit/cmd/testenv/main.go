package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
)

// envFlags collects repeated -env KEY=VALUE flags.
type envFlags []string

func (e *envFlags) String() string { return strings.Join(*e, ",") }

func (e *envFlags) Set(v string) error {
	if !strings.Contains(v, "=") {
		return fmt.Errorf("-env %q: want KEY=VALUE", v)
	}
	*e = append(*e, v)
	return nil
}

func main() {
	os.Exit(run())
}

func run() int {
	var extra envFlags
	server := flag.String("server", "bin/kyc-server", "the kyc-server binary to start")
	keep := flag.Bool("keep-log", false, "print the server log when the command ends, even on success")
	flag.Var(&extra, "env", "KEY=VALUE added to (or overriding) the server's environment; repeatable")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: testenv [flags] -- COMMAND [ARGS...]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	env, err := Start(ctx, Options{ServerBin: *server, ServerEnv: extra})
	if err != nil {
		fmt.Fprintf(os.Stderr, "testenv: %v\n", err)
		if env != nil {
			env.Close(true)
		}
		return 1
	}
	code := runCommand(ctx, flag.Args(), env.CommandEnv())
	env.Close(code != 0 || *keep)
	return code
}

// runCommand runs the command with the environment; Ctrl-C reaches it through the process group, and a
// cancelled context (SIGTERM to testenv) is passed on as SIGTERM.
func runCommand(ctx context.Context, args, env []string) int {
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		if exit.ExitCode() < 0 {
			return 1
		}
		return exit.ExitCode()
	default:
		fmt.Fprintf(os.Stderr, "testenv: %v\n", err)
		return 1
	}
}
