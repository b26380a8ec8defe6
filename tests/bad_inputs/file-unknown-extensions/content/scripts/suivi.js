fetch("https://suivi.example/")
