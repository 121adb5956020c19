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

#endif
