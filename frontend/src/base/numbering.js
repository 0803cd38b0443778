// The numbering styles the server knows (internal/numbering), for the
// corpus default (users.js) and a statement's own style (editor.js). Their
// names are in the catalogues as numbering.<style>.
export const NUMBERING_STYLES = ['arabic', 'roman', 'outline'];
