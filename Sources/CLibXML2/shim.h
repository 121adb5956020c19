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

#endif
