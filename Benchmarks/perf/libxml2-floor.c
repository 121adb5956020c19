/*
 * The libxml2 work `customs validate` cannot avoid on a folder of small XML files, measured on
 * its own: each file read into memory, parsed by libxml2's push parser (the first 4 bytes, the
 * next 512, then up to 4096 at a time; the options the product uses) with empty SAX2 handlers,
 * and checked against one compiled XSD through the schema SAX plug — what the product's parser does before any of
 * its own work (records, harmonization, rules, findings). Files are shared out between THREADS
 * threads (each with its own parser and validation context), as the product shares them out
 * between its jobs. Not a test: Benchmarks/perf/bench.py runs it beside `customs` and xmllint.
 *
 * usage: libxml2-floor THREADS XSD FILE...   (prints "N files, M invalid" to stderr)
 * build: cc -O2 $(xml2-config --cflags) libxml2-floor.c $(xml2-config --libs) -lpthread
 */
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static xmlSchemaPtr schema;
static char **files;
static int fileCount;
static atomic_int next;
static atomic_int invalid;

static void startElement(void *context, const xmlChar *localName, const xmlChar *prefix, const xmlChar *uri,
                         int namespaceCount, const xmlChar **namespaces, int attributeCount, int defaulted,
                         const xmlChar **attributes) {}
static void endElement(void *context, const xmlChar *localName, const xmlChar *prefix, const xmlChar *uri) {}
static void characters(void *context, const xmlChar *bytes, int count) {}
static void countError(void *context, xmlErrorPtr error) { *(int *)context += 1; }

static char *slurp(const char *path, long *size) {
    FILE *file = fopen(path, "rb");
    if (!file) return NULL;
    fseek(file, 0, SEEK_END);
    *size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *bytes = malloc(*size > 0 ? *size : 1);
    if (fread(bytes, 1, *size, file) != (size_t)*size) *size = 0;
    fclose(file);
    return bytes;
}

static void *work(void *unused) {
    xmlSchemaValidCtxtPtr validation = xmlSchemaNewValidCtxt(schema);
    int errors = 0;
    xmlSchemaSetValidStructuredErrors(validation, countError, &errors);
    xmlSAXHandler handler;
    memset(&handler, 0, sizeof handler);
    handler.initialized = XML_SAX2_MAGIC;
    handler.startElementNs = startElement;
    handler.endElementNs = endElement;
    handler.characters = characters;
    handler.ignorableWhitespace = characters;
    handler.cdataBlock = characters;
    for (int index; (index = atomic_fetch_add(&next, 1)) < fileCount;) {
        long size;
        char *bytes = slurp(files[index], &size);
        if (!bytes || size < 4) { free(bytes); atomic_fetch_add(&invalid, 1); continue; }
        xmlParserCtxtPtr parser = xmlCreatePushParserCtxt(&handler, NULL, bytes, 4, files[index]);
        xmlCtxtUseOptions(parser, XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_COMPACT);
        /* The plug puts its handler in the parser's place, and gives the parser's back when unplugged. */
        xmlSchemaSAXPlugPtr plug = xmlSchemaSAXPlug(validation, &parser->sax, &parser->userData);
        errors = 0;
        /* As the product pushes unconverted input: 4096-byte reads after the first 4 bytes, the
           first 512 bytes pushed alone (the XML declaration, which may switch the input to a
           converter), then each read's whole 512-byte chunks in one push. */
        long offset = 4;
        int declarationPushed = 0;
        while (offset < size) {
            long end = size - offset < 4096 ? size : offset + 4096;
            while (offset < end) {
                long left = end - offset;
                long count = !declarationPushed ? (left < 512 ? left : 512) : (left >= 512 ? left / 512 * 512 : left);
                xmlParseChunk(parser, bytes + offset, (int)count, 0);
                offset += count;
                declarationPushed = 1;
            }
        }
        xmlParseChunk(parser, NULL, 0, 1);
        if (!parser->wellFormed || errors > 0) atomic_fetch_add(&invalid, 1);
        xmlSchemaSAXUnplug(plug);
        xmlFreeParserCtxt(parser);
        free(bytes);
    }
    xmlSchemaFreeValidCtxt(validation);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s THREADS XSD FILE...\n", argv[0]);
        return 2;
    }
    int threads = atoi(argv[1]);
    xmlInitParser();
    xmlSchemaParserCtxtPtr compiling = xmlSchemaNewParserCtxt(argv[2]);
    schema = xmlSchemaParse(compiling);
    xmlSchemaFreeParserCtxt(compiling);
    if (!schema || threads < 1) return 2;
    files = argv + 3;
    fileCount = argc - 3;
    pthread_t workers[64];
    if (threads > 64) threads = 64;
    for (int index = 0; index < threads; index++) pthread_create(&workers[index], NULL, work, NULL);
    for (int index = 0; index < threads; index++) pthread_join(workers[index], NULL);
    fprintf(stderr, "%d files, %d invalid\n", fileCount, atomic_load(&invalid));
    xmlSchemaFree(schema);
    return atomic_load(&invalid) > 0 ? 1 : 0;
}
