/* EX_API marks the functions libexplorer exports: those that explorer.h and scenario.h
 * declare. The library is built with hidden visibility, so nothing else leaves it. */
#ifndef EXPLORER_EXPORT_H
#define EXPLORER_EXPORT_H

#if defined(__GNUC__)
#define EX_API __attribute__((visibility("default")))
#else
#define EX_API
#endif

#endif
