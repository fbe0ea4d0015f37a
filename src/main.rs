fn main() -> std::process::ExitCode {
    secretariat::cli::main()
}
