from xxgk.cli import main

raise SystemExit(main())
