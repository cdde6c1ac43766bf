from portfolio_builder.cli import main

if __name__ == "__main__":  # image workers import this module again; they must not run the CLI
    main()
