from portfolio_builder.cli import main

main()
