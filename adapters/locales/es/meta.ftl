# The language as its readers call it, and the CLDR locale of its dates and numbers.
language-name = Español
language-locale = es-ES
