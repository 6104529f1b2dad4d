# The language as its readers call it, and the CLDR locale of its dates and numbers.
language-name = Deutsch
language-locale = de-DE
