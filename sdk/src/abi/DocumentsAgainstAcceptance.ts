// Provisional (from the interface), replaced by `npm run abis` once the contract is built.

/** ABI of the `DocumentsAgainstAcceptance` contract. */
export const documentsAgainstAcceptanceAbi = [
  {
    "inputs": [
      {
        "name": "collectionId",
        "type": "bytes32"
      },
      {
        "name": "acceptBy",
        "type": "uint64"
      }
    ],
    "name": "CollectionAcceptancePeriodOpen",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "eblTokenId",
        "type": "uint256"
      }
    ],
    "name": "CollectionBillNotEndorsable",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "drawee",
        "type": "address"
      }
    ],
    "name": "CollectionDraweeNotTrader",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "maturity",
        "type": "uint256"
      },
      {
        "name": "earliest",
        "type": "uint256"
      },
      {
        "name": "latest",
        "type": "uint256"
      }
    ],
    "name": "CollectionInvalidMaturity",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "collectionId",
        "type": "bytes32"
      },
      {
        "name": "account",
        "type": "address"
      }
    ],
    "name": "CollectionNotDrawee",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "eblTokenId",
        "type": "uint256"
      },
      {
        "name": "account",
        "type": "address"
      }
    ],
    "name": "CollectionNotHolder",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "collectionId",
        "type": "bytes32"
      },
      {
        "name": "status",
        "type": "uint8"
      }
    ],
    "name": "CollectionNotLodged",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "collectionId",
        "type": "bytes32"
      },
      {
        "name": "account",
        "type": "address"
      }
    ],
    "name": "CollectionNotLodger",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "CollectionZeroTenor",
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
        "name": "collectionId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "obligationId",
        "type": "uint256"
      },
      {
        "indexed": true,
        "name": "drawee",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "maturity",
        "type": "uint64"
      }
    ],
    "name": "CollectionAccepted",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "collectionId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "lodger",
        "type": "address"
      },
      {
        "indexed": true,
        "name": "drawee",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "eblTokenId",
        "type": "uint256"
      },
      {
        "components": [
          {
            "name": "eblTokenId",
            "type": "uint256"
          },
          {
            "name": "drawee",
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
            "name": "tenor",
            "type": "uint64"
          },
          {
            "name": "acceptBy",
            "type": "uint64"
          }
        ],
        "indexed": false,
        "name": "instruction",
        "type": "tuple"
      }
    ],
    "name": "CollectionLodged",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "collectionId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "drawee",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "reasonCode",
        "type": "bytes32"
      }
    ],
    "name": "CollectionRefused",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "collectionId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "lodger",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "caller",
        "type": "address"
      }
    ],
    "name": "CollectionReturned",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "collectionId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "lodger",
        "type": "address"
      }
    ],
    "name": "CollectionWithdrawn",
    "type": "event"
  },
  {
    "inputs": [
      {
        "name": "collectionId",
        "type": "bytes32"
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
        "name": "arrangement",
        "type": "tuple"
      }
    ],
    "name": "accept",
    "outputs": [
      {
        "name": "obligationId",
        "type": "uint256"
      }
    ],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "collectionId",
        "type": "bytes32"
      }
    ],
    "name": "collection",
    "outputs": [
      {
        "components": [
          {
            "name": "lodger",
            "type": "address"
          },
          {
            "name": "tenor",
            "type": "uint64"
          },
          {
            "name": "acceptBy",
            "type": "uint64"
          },
          {
            "name": "status",
            "type": "uint8"
          },
          {
            "name": "drawee",
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
            "name": "eblTokenId",
            "type": "uint256"
          },
          {
            "name": "obligationId",
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
        "components": [
          {
            "name": "eblTokenId",
            "type": "uint256"
          },
          {
            "name": "drawee",
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
            "name": "tenor",
            "type": "uint64"
          },
          {
            "name": "acceptBy",
            "type": "uint64"
          }
        ],
        "name": "instruction",
        "type": "tuple"
      }
    ],
    "name": "lodge",
    "outputs": [
      {
        "name": "collectionId",
        "type": "bytes32"
      }
    ],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "collectionId",
        "type": "bytes32"
      },
      {
        "name": "reasonCode",
        "type": "bytes32"
      }
    ],
    "name": "refuse",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "collectionId",
        "type": "bytes32"
      }
    ],
    "name": "returnUnaccepted",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "collectionId",
        "type": "bytes32"
      }
    ],
    "name": "withdraw",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  }
] as const;
