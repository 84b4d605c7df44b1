from reviewer.cli.app import main

main()
