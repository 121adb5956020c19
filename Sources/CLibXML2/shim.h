#ifndef CUSTOMS_CLIBXML2_SHIM_H
#define CUSTOMS_CLIBXML2_SHIM_H

/* Debian's libxml2 is built with ICU; its headers then pull in system ICU
   headers that clash with Foundation's ICU module on a clean build. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlIO.h>
#include <libxml/HTMLparser.h>

/* Swift 6 rejects C global variables such as xmlFree: call it through here. */
static inline void customs_xml_free(void *pointer) {
    xmlFree(pointer);
}

/* libxml2's default error handlers print to stderr; silence the generic one.
   Variadic callbacks cannot be written in Swift, so this one lives here. */
static void customs_xml_silent_generic_error(void *context, const char *message, ...) {
    (void)context; (void)message;
}

static inline void customs_xml_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, customs_xml_silent_generic_error);
}

/* The schema plug replaces the parser context's SAX handler and user data in place. */
static inline xmlSchemaSAXPlugPtr customs_xml_plug_schema(xmlSchemaValidCtxtPtr validation, xmlParserCtxtPtr parser) {
    return xmlSchemaSAXPlug(validation, &parser->sax, &parser->userData);
}

/* The line the parser is on (1-based), as libxml2's own tree builder stamps on nodes. */
static inline int customs_xml_parser_line(xmlParserCtxtPtr parser) {
    return (parser != NULL && parser->input != NULL) ? parser->input->line : 0;
}

/* The parser's column (1-based), as libxml2 puts it on its own errors. */
static inline int customs_xml_parser_column(xmlParserCtxtPtr parser) {
    return (parser != NULL && parser->input != NULL) ? parser->input->col : 0;
}

/* Whether the parser has seen no error that makes the document not well-formed. */
static inline int customs_xml_parser_well_formed(xmlParserCtxtPtr parser) {
    return parser->wellFormed;
}

/* The locator schema validation asks for a line when it has no node: the parser's position. */
static inline int customs_xml_parser_locator(void *context, const char **file, unsigned long *line) {
    xmlParserCtxtPtr parser = (xmlParserCtxtPtr) context;
    if (file != NULL) *file = NULL;
    if (line != NULL) *line = 0;
    if (parser == NULL || parser->input == NULL) return -1;
    if (file != NULL) *file = parser->input->filename;
    if (line != NULL) *line = parser->input->line;
    return 0;
}

static inline void customs_xml_set_schema_locator(xmlSchemaValidCtxtPtr validation, xmlParserCtxtPtr parser) {
    xmlSchemaValidateSetLocator(validation, customs_xml_parser_locator, parser);
}

/* Resets a parser kept from a clean document for the next one, as xmlCreatePushParserCtxt
   would start it: xmlCtxtResetPush, and the two fields it leaves as the last document left
   them (the push parser's lookahead mode, and the xml:space stack's depth of a new context). */
static inline int customs_xml_parser_reset(xmlParserCtxtPtr parser, const char *chunk, int size, const char *filename) {
    if (xmlCtxtResetPush(parser, chunk, size, filename, NULL) != 0) return -1;
    parser->progressive = 0;
    if (parser->spaceTab != NULL && parser->spaceMax > 0) {
        parser->spaceTab[0] = -1;
        parser->space = &parser->spaceTab[0];
        parser->spaceNr = 1;
    }
    return 0;
}

/* Resets a parser that may have been left anywhere in a document (stopped at its root) for the
   next one: customs_xml_parser_reset, and the namespace stack xmlCtxtReset keeps. */
static inline int customs_xml_parser_reset_stopped(xmlParserCtxtPtr parser, const char *chunk, int size) {
    if (customs_xml_parser_reset(parser, chunk, size, NULL) != 0) return -1;
    parser->nsNr = 0;
    return 0;
}

/* The encoding the parser knows at the start of the document (what the tree builder copies
   into the document's encoding). */
static inline const char *customs_xml_parser_encoding(xmlParserCtxtPtr parser) {
    return (const char *) parser->encoding;
}

/* Whether the parser has seen no error of any kind. */
static inline int customs_xml_parser_clean(xmlParserCtxtPtr parser) {
    return parser->wellFormed && parser->nsWellFormed && parser->errNo == XML_ERR_OK && !parser->disableSAX;
}

/* The SAX handler's context (the record builder), set on a parser kept between documents. */
static inline void customs_xml_parser_set_user_data(xmlParserCtxtPtr parser, void *data) {
    parser->userData = data;
}

/* Whether a parser read its document to a clean end and can be reset for the next one: no
   error, at the end of its input, no element or namespace left open, its one input. */
static inline int customs_xml_parser_reusable(xmlParserCtxtPtr parser) {
    return parser->wellFormed && parser->nsWellFormed && parser->errNo == XML_ERR_OK
        && !parser->disableSAX && parser->instate == XML_PARSER_EOF
        && parser->nameNr == 0 && parser->nodeNr == 0 && parser->nsNr == 0 && parser->spaceNr <= 1
        && parser->inputNr == 1 && parser->dict != NULL && parser->myDoc == NULL;
}

/* Stops the parser where it is, as xmlStopParser does from libxml2 2.12 on, without freeing its
   input: in 2.9, xmlStopParser frees the input buffer, and called from a start-tag or text
   callback it freed the attribute values and text that the schema validation plugged behind
   the callback reads next. */
static inline void customs_xml_parser_halt(xmlParserCtxtPtr parser) {
    parser->instate = XML_PARSER_EOF;
    parser->disableSAX = 1;
    parser->errNo = XML_ERR_USER_STOP;
}

/* Whether the parser reads its input as it arrives, unconverted: past the XML declaration
   (where a declared encoding switches the input to a converter) and with no converter (UTF-8,
   ASCII). A converted input is converted chunk by chunk as it is pushed. */
static inline int customs_xml_parser_reads_unconverted(xmlParserCtxtPtr parser) {
    return parser->instate != XML_PARSER_START && parser->input != NULL
        && (parser->input->buf == NULL || parser->input->buf->encoder == NULL);
}

/* How many names the parser's dictionary holds. */
static inline int customs_xml_parser_dictionary_size(xmlParserCtxtPtr parser) {
    return parser->dict != NULL ? (int) xmlDictSize(parser->dict) : 0;
}

#endif
