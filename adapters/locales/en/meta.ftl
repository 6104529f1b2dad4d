# The language as its readers call it, and the CLDR locale of its dates and numbers.
language-name = English
language-locale = en-GB
