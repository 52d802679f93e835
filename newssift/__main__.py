from newssift.cli import main

main()
