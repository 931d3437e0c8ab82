from overhorizon.cli import main

main()
