/*
 * Slug prefill that matches the server (articles.slugs.french_slugify).
 *
 * Django's URLify deletes apostrophes, gluing French words together:
 * "Le numérique s’ancre" would become "le-numerique-sancre". Replacing them with
 * spaces first gives "le-numerique-s-ancre". Loaded after urlify.js and
 * prepopulate.js; prepopulate.js looks URLify up on each keystroke, so wrapping
 * window.URLify is enough.
 */
'use strict';
{
    const APOSTROPHES = /['’ʼ‘`´]/g;
    // urlify.js has no entry for the ligatures; the server (unidecode) spells them out.
    const LIGATURES = {'œ': 'oe', 'Œ': 'OE'};
    const urlify = window.URLify;
    if (typeof urlify === 'function' && !urlify.frenchApostrophes) {
        const frenchURLify = function(s, numChars, allowUnicode) {
            const text = String(s).replace(APOSTROPHES, ' ').replace(/[œŒ]/g, (c) => LIGATURES[c]);
            return urlify(text, numChars, allowUnicode);
        };
        frenchURLify.frenchApostrophes = true;
        window.URLify = frenchURLify;
    }
}
