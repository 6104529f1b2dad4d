# The language as its readers call it, and the CLDR locale of its dates and numbers.
language-name = Français
language-locale = fr-FR
