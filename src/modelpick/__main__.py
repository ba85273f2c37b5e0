from modelpick.entry import main

main()
