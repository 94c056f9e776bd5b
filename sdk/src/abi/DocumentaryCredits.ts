// Provisional (from the interface), replaced by `npm run abis` once the contract is built.

/** ABI of the `DocumentaryCredits` contract. */
export const documentaryCreditsAbi = [
  {
    "inputs": [
      {
        "name": "amount",
        "type": "uint256"
      },
      {
        "name": "committed",
        "type": "uint256"
      }
    ],
    "name": "CreditAmendmentBelowDrawn",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "creditId",
        "type": "bytes32"
      }
    ],
    "name": "CreditAmendmentPending",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "expected",
        "type": "uint256"
      },
      {
        "name": "given",
        "type": "uint256"
      }
    ],
    "name": "CreditDocumentsMismatch",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "drawing",
        "type": "uint256"
      },
      {
        "name": "available",
        "type": "uint256"
      }
    ],
    "name": "CreditDrawingExceedsAvailable",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "CreditEblNotDeliverable",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "presentationId",
        "type": "bytes32"
      },
      {
        "name": "deadline",
        "type": "uint64"
      }
    ],
    "name": "CreditExaminationPeriodOver",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "expiry",
        "type": "uint64"
      },
      {
        "name": "latestPresentation",
        "type": "uint64"
      }
    ],
    "name": "CreditInvalidDates",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "requiredDocumentTypes",
        "type": "uint256"
      }
    ],
    "name": "CreditInvalidDocumentTypes",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "examinationPeriod",
        "type": "uint64"
      }
    ],
    "name": "CreditInvalidExaminationPeriod",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "presentationId",
        "type": "bytes32"
      },
      {
        "name": "status",
        "type": "uint8"
      }
    ],
    "name": "CreditInvalidPresentationStatus",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "creditId",
        "type": "bytes32"
      }
    ],
    "name": "CreditNoAmendment",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "CreditNoDiscrepancies",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "caller",
        "type": "address"
      }
    ],
    "name": "CreditNotApplicant",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "caller",
        "type": "address"
      }
    ],
    "name": "CreditNotBeneficiary",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "caller",
        "type": "address"
      }
    ],
    "name": "CreditNotExaminer",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "creditId",
        "type": "bytes32"
      },
      {
        "name": "expiry",
        "type": "uint64"
      }
    ],
    "name": "CreditNotExpired",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "caller",
        "type": "address"
      }
    ],
    "name": "CreditNotIssuingBank",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "creditId",
        "type": "bytes32"
      },
      {
        "name": "status",
        "type": "uint8"
      }
    ],
    "name": "CreditNotOpen",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "drawing",
        "type": "uint256"
      },
      {
        "name": "available",
        "type": "uint256"
      }
    ],
    "name": "CreditPartialDrawingNotAllowed",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "creditId",
        "type": "bytes32"
      }
    ],
    "name": "CreditPresentationPending",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "creditId",
        "type": "bytes32"
      },
      {
        "name": "deadline",
        "type": "uint64"
      }
    ],
    "name": "CreditPresentationPeriodOver",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "amount",
        "type": "uint256"
      },
      {
        "name": "outstanding",
        "type": "uint256"
      }
    ],
    "name": "CreditReimbursementExceedsDrawn",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "presentationId",
        "type": "bytes32"
      },
      {
        "name": "deadline",
        "type": "uint64"
      }
    ],
    "name": "CreditWaiverPeriodRunning",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "deadline",
        "type": "uint256"
      },
      {
        "name": "nowTimestamp",
        "type": "uint256"
      }
    ],
    "name": "RailsExpired",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "signer",
        "type": "address"
      }
    ],
    "name": "RailsInvalidSignature",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "account",
        "type": "address"
      }
    ],
    "name": "RailsNotVerified",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "RailsZeroAddress",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "RailsZeroAmount",
    "type": "error"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "creditId",
        "type": "bytes32"
      },
      {
        "indexed": false,
        "name": "amount",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "expiry",
        "type": "uint64"
      },
      {
        "indexed": false,
        "name": "latestPresentation",
        "type": "uint64"
      }
    ],
    "name": "AmendmentAccepted",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "creditId",
        "type": "bytes32"
      },
      {
        "indexed": false,
        "name": "amount",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "expiry",
        "type": "uint64"
      },
      {
        "indexed": false,
        "name": "latestPresentation",
        "type": "uint64"
      }
    ],
    "name": "AmendmentProposed",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "creditId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "by",
        "type": "address"
      }
    ],
    "name": "AmendmentRejected",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "creditId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "by",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "refunded",
        "type": "uint256"
      }
    ],
    "name": "CreditClosed",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "creditId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "issuingBank",
        "type": "address"
      },
      {
        "indexed": true,
        "name": "beneficiary",
        "type": "address"
      },
      {
        "components": [
          {
            "name": "issuingBank",
            "type": "address"
          },
          {
            "name": "applicant",
            "type": "address"
          },
          {
            "name": "beneficiary",
            "type": "address"
          },
          {
            "name": "nominatedBank",
            "type": "address"
          },
          {
            "name": "token",
            "type": "address"
          },
          {
            "name": "amount",
            "type": "uint256"
          },
          {
            "name": "expiry",
            "type": "uint64"
          },
          {
            "name": "latestPresentation",
            "type": "uint64"
          },
          {
            "name": "examinationPeriod",
            "type": "uint64"
          },
          {
            "name": "partialDrawings",
            "type": "bool"
          },
          {
            "name": "eblRecipient",
            "type": "uint8"
          },
          {
            "name": "requiredDocumentTypes",
            "type": "uint256"
          },
          {
            "name": "creditReference",
            "type": "bytes32"
          }
        ],
        "indexed": false,
        "name": "terms",
        "type": "tuple"
      }
    ],
    "name": "CreditIssued",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "presentationId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "applicant",
        "type": "address"
      }
    ],
    "name": "DiscrepanciesWaived",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "presentationId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "creditId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "by",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "reason",
        "type": "uint8"
      }
    ],
    "name": "DocumentsReturned",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "presentationId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "creditId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "by",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "basis",
        "type": "uint8"
      },
      {
        "indexed": false,
        "name": "amount",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "eblRecipient",
        "type": "address"
      }
    ],
    "name": "Honoured",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "presentationId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "creditId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "tokenId",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "amount",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "documentIds",
        "type": "bytes32[]"
      },
      {
        "indexed": false,
        "name": "examinationDeadline",
        "type": "uint64"
      }
    ],
    "name": "Presented",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "presentationId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "creditId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "examiner",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "discrepancies",
        "type": "bytes32[]"
      },
      {
        "indexed": false,
        "name": "waiverSought",
        "type": "bool"
      },
      {
        "indexed": false,
        "name": "waiverDeadline",
        "type": "uint64"
      }
    ],
    "name": "Refused",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "creditId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "payer",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "amount",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "totalReimbursed",
        "type": "uint256"
      }
    ],
    "name": "Reimbursed",
    "type": "event"
  },
  {
    "inputs": [
      {
        "name": "creditId",
        "type": "bytes32"
      }
    ],
    "name": "acceptAmendment",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "creditId",
        "type": "bytes32"
      }
    ],
    "name": "amendmentOf",
    "outputs": [
      {
        "components": [
          {
            "name": "pending",
            "type": "bool"
          },
          {
            "name": "amount",
            "type": "uint256"
          },
          {
            "name": "expiry",
            "type": "uint64"
          },
          {
            "name": "latestPresentation",
            "type": "uint64"
          }
        ],
        "name": "",
        "type": "tuple"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "creditId",
        "type": "bytes32"
      }
    ],
    "name": "availableOf",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "creditId",
        "type": "bytes32"
      }
    ],
    "name": "close",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "creditId",
        "type": "bytes32"
      }
    ],
    "name": "creditOf",
    "outputs": [
      {
        "components": [
          {
            "components": [
              {
                "name": "issuingBank",
                "type": "address"
              },
              {
                "name": "applicant",
                "type": "address"
              },
              {
                "name": "beneficiary",
                "type": "address"
              },
              {
                "name": "nominatedBank",
                "type": "address"
              },
              {
                "name": "token",
                "type": "address"
              },
              {
                "name": "amount",
                "type": "uint256"
              },
              {
                "name": "expiry",
                "type": "uint64"
              },
              {
                "name": "latestPresentation",
                "type": "uint64"
              },
              {
                "name": "examinationPeriod",
                "type": "uint64"
              },
              {
                "name": "partialDrawings",
                "type": "bool"
              },
              {
                "name": "eblRecipient",
                "type": "uint8"
              },
              {
                "name": "requiredDocumentTypes",
                "type": "uint256"
              },
              {
                "name": "creditReference",
                "type": "bytes32"
              }
            ],
            "name": "terms",
            "type": "tuple"
          },
          {
            "name": "status",
            "type": "uint8"
          },
          {
            "name": "presentations",
            "type": "uint32"
          },
          {
            "name": "drawn",
            "type": "uint256"
          },
          {
            "name": "reserved",
            "type": "uint256"
          },
          {
            "name": "reimbursed",
            "type": "uint256"
          }
        ],
        "name": "",
        "type": "tuple"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "documentsCondition",
    "outputs": [
      {
        "name": "",
        "type": "address"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "components": [
          {
            "name": "issuingBank",
            "type": "address"
          },
          {
            "name": "applicant",
            "type": "address"
          },
          {
            "name": "beneficiary",
            "type": "address"
          },
          {
            "name": "nominatedBank",
            "type": "address"
          },
          {
            "name": "token",
            "type": "address"
          },
          {
            "name": "amount",
            "type": "uint256"
          },
          {
            "name": "expiry",
            "type": "uint64"
          },
          {
            "name": "latestPresentation",
            "type": "uint64"
          },
          {
            "name": "examinationPeriod",
            "type": "uint64"
          },
          {
            "name": "partialDrawings",
            "type": "bool"
          },
          {
            "name": "eblRecipient",
            "type": "uint8"
          },
          {
            "name": "requiredDocumentTypes",
            "type": "uint256"
          },
          {
            "name": "creditReference",
            "type": "bytes32"
          }
        ],
        "name": "terms",
        "type": "tuple"
      },
      {
        "name": "nonce",
        "type": "uint256"
      },
      {
        "name": "deadline",
        "type": "uint256"
      }
    ],
    "name": "hashApplication",
    "outputs": [
      {
        "name": "",
        "type": "bytes32"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "presentationId",
        "type": "bytes32"
      }
    ],
    "name": "honour",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "components": [
          {
            "name": "issuingBank",
            "type": "address"
          },
          {
            "name": "applicant",
            "type": "address"
          },
          {
            "name": "beneficiary",
            "type": "address"
          },
          {
            "name": "nominatedBank",
            "type": "address"
          },
          {
            "name": "token",
            "type": "address"
          },
          {
            "name": "amount",
            "type": "uint256"
          },
          {
            "name": "expiry",
            "type": "uint64"
          },
          {
            "name": "latestPresentation",
            "type": "uint64"
          },
          {
            "name": "examinationPeriod",
            "type": "uint64"
          },
          {
            "name": "partialDrawings",
            "type": "bool"
          },
          {
            "name": "eblRecipient",
            "type": "uint8"
          },
          {
            "name": "requiredDocumentTypes",
            "type": "uint256"
          },
          {
            "name": "creditReference",
            "type": "bytes32"
          }
        ],
        "name": "terms",
        "type": "tuple"
      },
      {
        "name": "deadline",
        "type": "uint256"
      },
      {
        "name": "applicantSignature",
        "type": "bytes"
      },
      {
        "components": [
          {
            "name": "method",
            "type": "uint8"
          },
          {
            "name": "validAfter",
            "type": "uint256"
          },
          {
            "name": "deadline",
            "type": "uint256"
          },
          {
            "name": "nonce",
            "type": "bytes32"
          },
          {
            "name": "signature",
            "type": "bytes"
          }
        ],
        "name": "funding",
        "type": "tuple"
      }
    ],
    "name": "issue",
    "outputs": [
      {
        "name": "creditId",
        "type": "bytes32"
      }
    ],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "owner",
        "type": "address"
      }
    ],
    "name": "nonces",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "participants",
    "outputs": [
      {
        "name": "",
        "type": "address"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "creditId",
        "type": "bytes32"
      },
      {
        "name": "tokenId",
        "type": "uint256"
      },
      {
        "name": "documentIds",
        "type": "bytes32[]"
      },
      {
        "name": "amount",
        "type": "uint256"
      }
    ],
    "name": "present",
    "outputs": [
      {
        "name": "presentationId",
        "type": "bytes32"
      }
    ],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "creditId",
        "type": "bytes32"
      },
      {
        "name": "number",
        "type": "uint256"
      }
    ],
    "name": "presentationIdOf",
    "outputs": [
      {
        "name": "",
        "type": "bytes32"
      }
    ],
    "stateMutability": "pure",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "presentationId",
        "type": "bytes32"
      }
    ],
    "name": "presentationOf",
    "outputs": [
      {
        "components": [
          {
            "name": "creditId",
            "type": "bytes32"
          },
          {
            "name": "status",
            "type": "uint8"
          },
          {
            "name": "deadline",
            "type": "uint64"
          },
          {
            "name": "tokenId",
            "type": "uint256"
          },
          {
            "name": "amount",
            "type": "uint256"
          },
          {
            "name": "requirementId",
            "type": "bytes32"
          },
          {
            "name": "discrepanciesHash",
            "type": "bytes32"
          },
          {
            "name": "discrepancyCount",
            "type": "uint256"
          }
        ],
        "name": "",
        "type": "tuple"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "creditId",
        "type": "bytes32"
      },
      {
        "name": "amount",
        "type": "uint256"
      },
      {
        "name": "expiry",
        "type": "uint64"
      },
      {
        "name": "latestPresentation",
        "type": "uint64"
      },
      {
        "components": [
          {
            "name": "method",
            "type": "uint8"
          },
          {
            "name": "validAfter",
            "type": "uint256"
          },
          {
            "name": "deadline",
            "type": "uint256"
          },
          {
            "name": "nonce",
            "type": "bytes32"
          },
          {
            "name": "signature",
            "type": "bytes"
          }
        ],
        "name": "funding",
        "type": "tuple"
      }
    ],
    "name": "proposeAmendment",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "presentationId",
        "type": "bytes32"
      },
      {
        "name": "discrepancies",
        "type": "bytes32[]"
      },
      {
        "name": "seekWaiver",
        "type": "bool"
      }
    ],
    "name": "refuse",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "registry",
    "outputs": [
      {
        "name": "",
        "type": "address"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "creditId",
        "type": "bytes32"
      },
      {
        "name": "amount",
        "type": "uint256"
      },
      {
        "components": [
          {
            "name": "method",
            "type": "uint8"
          },
          {
            "name": "validAfter",
            "type": "uint256"
          },
          {
            "name": "deadline",
            "type": "uint256"
          },
          {
            "name": "nonce",
            "type": "bytes32"
          },
          {
            "name": "signature",
            "type": "bytes"
          }
        ],
        "name": "auth",
        "type": "tuple"
      }
    ],
    "name": "reimburse",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "creditId",
        "type": "bytes32"
      }
    ],
    "name": "rejectAmendment",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "presentationId",
        "type": "bytes32"
      }
    ],
    "name": "rejectWaiver",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "presentationId",
        "type": "bytes32"
      }
    ],
    "name": "returnUnwaived",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "presentationId",
        "type": "bytes32"
      }
    ],
    "name": "waive",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "presentationId",
        "type": "bytes32"
      }
    ],
    "name": "withdraw",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  }
] as const;
